// MCP clients of both SDK lines, connected in process (the SDK's in-memory transport), to the built bin over
// stdio, or over HTTP: one small interface over all of them, recording everything they receive.
import { fileURLToPath } from "node:url";
import { createAidpClient } from "@aidp/client";
import { readApiFacts } from "@aidp/spec/facts";
import { TEST_RUN_ENV } from "@aidp/test-support";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as StdioClientTransportV1 } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { LogHandles } from "../../src/log-handles.ts";
import { Redactor } from "../../src/redaction.ts";
import { serverFactory } from "../../src/server.ts";
import { buildTools, type ToolSelection } from "../../src/tool-catalog.ts";
import { plantedSecrets, record } from "./transcript.ts";

export const mcpBin = fileURLToPath(new URL("../../bin/aidp-mcp.js", import.meta.url));

/** `sdk1`: @modelcontextprotocol/sdk 1.x (protocol 2025-11-25); `sdk2-2025`: the 2.x Client's default 2025 handshake; `sdk2-modern`: 2.x pinned to 2026-07-28. */
export const CLIENT_KINDS = ["sdk1", "sdk2-2025", "sdk2-modern"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface ToolResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

export interface McpSession {
  kind: ClientKind;
  listTools(): Promise<
    {
      name: string;
      description?: string;
      inputSchema: Record<string, unknown>;
      annotations?: Record<string, unknown>;
    }[]
  >;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult>;
  /** The server's log lines so far (in process: its log function; a child: its standard error). */
  logLines(): string[];
  close(): Promise<void>;
}

type AnyClient = {
  connect(transport: unknown): Promise<void>;
  listTools(): Promise<{ tools: unknown[] }>;
  close(): Promise<void>;
};

function newClient(kind: ClientKind): AnyClient {
  const info = { name: "aidp-mcp-tests", version: "1.0.0" };
  if (kind === "sdk1") return new ClientV1(info) as unknown as AnyClient;
  if (kind === "sdk2-2025") return new Client(info) as unknown as AnyClient;
  return new Client(info, {
    versionNegotiation: { mode: { pin: "2026-07-28" } },
  } as never) as unknown as AnyClient;
}

async function session(
  kind: ClientKind,
  transport: unknown,
  logLines: () => string[],
  onClose: () => Promise<void>,
): Promise<McpSession> {
  const client = newClient(kind);
  await client.connect(transport);
  return {
    kind,
    async listTools() {
      const { tools } = await client.listTools();
      record(`${kind} tools/list`, tools);
      return tools as never;
    },
    async callTool(name, args, options = {}) {
      const params = { name, arguments: args };
      // 1.x: callTool(params, resultSchema, options); 2.x: callTool(params, options).
      const call = client as unknown as { callTool(...a: unknown[]): Promise<ToolResult> };
      try {
        const result =
          kind === "sdk1"
            ? await call.callTool(params, undefined, options)
            : await call.callTool(params, options);
        record(`${kind} ${name}`, result);
        return result;
      } catch (error) {
        record(`${kind} ${name} threw`, String(error));
        throw error;
      }
    },
    logLines,
    async close() {
      await client.close();
      await onClose();
      for (const line of logLines()) record(`${kind} server log`, line);
    },
  };
}

export interface InProcessOptions extends ToolSelection {
  endpoint: string;
  instanceId?: string;
}

/** The server built from this package's sources, in this process, served to `kind` over the in-memory transport. */
export async function inProcessSession(
  kind: ClientKind,
  options: InProcessOptions,
): Promise<McpSession & { handles: LogHandles }> {
  const lines: string[] = [];
  const redactor = new Redactor();
  const handles = new (class extends LogHandles {
    override create(parUrl: string) {
      plantedSecrets.add(parUrl);
      return super.create(parUrl);
    }
  })({ ttlMs: 60_000, redactor });
  const tools = buildTools(
    readApiFacts(),
    { client: createAidpClient({ baseUrl: options.endpoint }), instanceId: options.instanceId, handles },
    options,
  );
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  // serveStdio takes any transport and picks the protocol era from the client's first message, as on stdio.
  const served = serveStdio(serverFactory({ tools, redactor, log: (line) => lines.push(line) }), {
    transport: serverSide,
  });
  const opened = await session(
    kind,
    clientSide,
    () => [...lines],
    () => served.close(),
  );
  return { ...opened, handles };
}

/** The environment a child gets: nothing from this machine's OCI setup, the test run's tag kept. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    [TEST_RUN_ENV]: process.env[TEST_RUN_ENV] ?? "",
    ...extra,
  };
}

/** The built bin as a child process on stdio, started by the client's own transport (which ends it on close). */
export async function stdioSession(
  kind: ClientKind,
  args: string[],
  env: Record<string, string> = {},
): Promise<McpSession> {
  const parameters = {
    command: process.execPath,
    args: [mcpBin, ...args],
    env: childEnvironment(env),
    stderr: "pipe" as const,
  };
  const transport =
    kind === "sdk1" ? new StdioClientTransportV1(parameters) : new StdioClientTransport(parameters);
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return session(
    kind,
    transport,
    () => stderr.split("\n").filter(Boolean),
    async () => {},
  );
}

/** A client of the HTTP transport at `url` (the child is started and ended by the test). */
export async function httpSession(
  kind: ClientKind,
  url: string,
  logLines: () => string[],
): Promise<McpSession> {
  const transport =
    kind === "sdk1"
      ? new StreamableHTTPClientTransportV1(new URL(url))
      : new StreamableHTTPClientTransport(new URL(url));
  return session(kind, transport, logLines, async () => {});
}
