// The MCP server: a factory of SDK servers (one per stdio connection, one per HTTP request in the stateless
// 2025-era fallback, one per modern exchange) over tools and state that live as long as the process. Every call
// goes through callTool: arguments checked, errors turned into `isError` results, everything redacted and sized.

import { AidpError } from "@aidp/client";
import {
  type CallToolResult,
  fromJsonSchema,
  type jsonSchemaValidator,
  McpServer,
  type McpServerFactory,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { checkArgumentNames } from "./operation-arguments.ts";
import type { Redactor } from "./redaction.ts";
import { MAX_RESULT_BYTES, resultBytes } from "./result-size.ts";
import type { ToolCall, ToolDefinition, ToolOutcome } from "./tool-definition.ts";
import { errorOutcome } from "./tool-errors.ts";
import { mcpVersion } from "./version.ts";

const SERVER_NAME = "aidp-mcp";

export interface ServerSetup {
  tools: readonly ToolDefinition[];
  redactor: Redactor;
  /** One line per call and per failure; already redacted. */
  log(line: string): void;
}

/**
 * The SDK validates arguments against the schema before a tool runs, in its own words. Ours come from the
 * client's validator instead (the argument's name, the rule, what it expects), so the SDK accepts any value here.
 */
const CHECKED_BY_THE_TOOLS: jsonSchemaValidator = {
  getValidator: () => (input) => ({ valid: true, data: input as never, errorMessage: undefined }),
};

export function serverFactory(setup: ServerSetup): McpServerFactory {
  return () => {
    const server = new McpServer({ name: SERVER_NAME, version: mcpVersion }, { capabilities: { tools: {} } });
    for (const tool of setup.tools)
      server.registerTool(
        tool.name,
        {
          title: tool.annotations.title,
          description: tool.description,
          inputSchema: fromJsonSchema<Record<string, unknown>>(
            tool.inputSchema as unknown as Parameters<typeof fromJsonSchema>[0],
            CHECKED_BY_THE_TOOLS,
          ),
          annotations: tool.annotations,
        },
        (args, context) => callTool(setup, tool, args ?? {}, context),
      );
    return server;
  };
}

async function callTool(
  setup: ServerSetup,
  tool: ToolDefinition,
  args: Record<string, unknown>,
  context: ServerContext,
): Promise<CallToolResult> {
  const started = performance.now();
  const progressToken = context.mcpReq._meta?.progressToken;
  // Over HTTP, a client that gives up closes its connection: that ends the call too (the 2025 stateless serving
  // has no session a cancel notification could reach).
  const connection = context.http?.req?.signal;
  const call: ToolCall = {
    signal: connection ? AbortSignal.any([context.mcpReq.signal, connection]) : context.mcpReq.signal,
    progress(progress, total, message) {
      if (progressToken === undefined) return;
      context.mcpReq
        .notify({ method: "notifications/progress", params: { progressToken, progress, total, message } })
        .catch(() => {}); // a client gone mid-wait is seen through the signal
    },
  };
  let outcome: ToolOutcome;
  let isError = false;
  try {
    checkArgumentNames(tool.name, tool.inputSchema, args);
    outcome = await tool.run(args, call);
  } catch (error) {
    if (call.signal.aborted) {
      setup.log(`${tool.name}: cancelled by the client after ${elapsed(started)}`);
      throw error;
    }
    outcome = errorOutcome(tool.name, error, tool.argumentOf, (text) => setup.redactor.text(text));
    isError = true;
    // What errorOutcome calls unexpected (not an AidpError) is what the log gets the stack of.
    if (!(error instanceof AidpError))
      setup.log(`${tool.name}: unexpected ${setup.redactor.text(String((error as Error)?.stack ?? error))}`);
  }
  const structured = setup.redactor.value(outcome.structured);
  let text = setup.redactor.text(outcome.text);
  if (resultBytes(structured, text) > MAX_RESULT_BYTES) {
    // The tools size their answers; this is the last line of defence, never the way a result is meant to end.
    text = `${tool.name}: the answer was too large to send (over ${MAX_RESULT_BYTES} bytes); narrow the request.`;
    setup.log(`${tool.name}: answer over ${MAX_RESULT_BYTES} bytes replaced by an error`);
    return { content: [{ type: "text", text }], isError: true };
  }
  setup.log(`${tool.name}: ${isError ? `error: ${text.split("\n")[0]}` : "ok"} in ${elapsed(started)}`);
  return { content: [{ type: "text", text }], structuredContent: structured, isError };
}

const elapsed = (started: number) => `${Math.round(performance.now() - started)} ms`;
