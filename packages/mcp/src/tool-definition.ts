// What a tool is to this server, independent of the SDK: its listing (name, description, input schema,
// annotations) and what a call does. server.ts registers these with the SDK; tests can build them from any facts.
import type { AidpClient } from "@aidp/client";
import type { LogHandles } from "./log-handles.ts";
import type { ToolInputSchema } from "./operation-arguments.ts";

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What a running call can use beyond its arguments. */
export interface ToolCall {
  /** Aborted when the client cancels the request. */
  signal: AbortSignal;
  /** Reports progress when the client asked for it (a no-op otherwise). */
  progress(progress: number, total: number | undefined, message: string): void;
}

/** A call's answer: the same data as structured content and as a text that makes sense alone. */
export interface ToolOutcome {
  structured: Record<string, unknown>;
  text: string;
}

export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: ToolInputSchema;
  annotations: ToolAnnotations;
  /** The tool whose results this one takes (`read_cluster_log` reads what `download_cluster_logs` started). */
  requires?: string;
  /** The argument a client validation issue's field is about, for tools built on an operation. */
  argumentOf?(field: string): string;
  run(args: Readonly<Record<string, unknown>>, call: ToolCall): Promise<ToolOutcome>;
}

/** What the tools share: the API client, the server's configuration and the exports' handles. */
export interface ToolContext {
  client: AidpClient;
  /** `--instance-id` / AIDP_INSTANCE_ID: the tools then do not ask for `aiDataPlatformId`. */
  instanceId?: string;
  handles: LogHandles;
}

/** `searchAuditLogs` → `search_audit_logs`. */
export const toolNameOf = (operationId: string) =>
  operationId.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The fixed parameters for the server's configuration. */
export const fixedParameters = (context: ToolContext): Record<string, string> =>
  context.instanceId ? { aiDataPlatformId: context.instanceId } : {};
