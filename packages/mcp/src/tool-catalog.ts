// The tools this server offers: one per operation of the spec's facts (names from the operationIds) plus
// `read_cluster_log`, narrowed by `--read-only` and `--tools`.
import type { ApiFacts } from "@aidp/spec/facts";
import { McpUsageError } from "./errors.ts";
import type { ToolContext, ToolDefinition } from "./tool-definition.ts";
import { downloadClusterLogsTool } from "./tools/download-cluster-logs.ts";
import { readClusterLogTool } from "./tools/read-cluster-log.ts";
import { searchAuditLogsTool } from "./tools/search-audit-logs.ts";

export interface ToolSelection {
  /** Only the tools that change nothing (`readOnlyHint`): `search_audit_logs`. */
  readOnly?: boolean;
  /** Only these tools, by name. */
  names?: readonly string[];
}

export function buildTools(
  facts: ApiFacts,
  context: ToolContext,
  selection: ToolSelection = {},
): ToolDefinition[] {
  const all = [
    searchAuditLogsTool(facts, context),
    downloadClusterLogsTool(facts, context),
    readClusterLogTool(context),
  ];
  const unknown = (selection.names ?? []).filter((name) => !all.some((tool) => tool.name === name));
  if (unknown.length > 0)
    throw new McpUsageError(
      `--tools: no tool ${unknown.join(", ")}; the tools are ${all.map((t) => t.name).join(", ")}`,
    );
  let chosen = selection.names ? all.filter((tool) => selection.names?.includes(tool.name)) : all;
  if (selection.readOnly) {
    const writing = chosen.filter((tool) => !tool.annotations.readOnlyHint).map((tool) => tool.name);
    if (selection.names && writing.length > 0)
      throw new McpUsageError(
        `--read-only and --tools contradict each other: ${writing.join(", ")} is not read-only`,
      );
    chosen = chosen.filter((tool) => tool.annotations.readOnlyHint);
  }
  // A tool that only works after another (reading a log needs an export) goes when that one is not offered.
  const offered = new Set(chosen.map((tool) => tool.name));
  const orphans = chosen.filter((tool) => tool.requires !== undefined && !offered.has(tool.requires));
  // Named on purpose, a tool that could not work is refused, never silently dropped (an empty tool list).
  if (selection.names && orphans.length > 0) {
    const needs = orphans.map((tool) => `${tool.name} needs ${tool.requires}`).join(", ");
    throw new McpUsageError(
      selection.readOnly
        ? `--read-only and --tools contradict each other: ${needs}, which is not read-only`
        : `--tools: ${needs}; name both or neither`,
    );
  }
  return chosen.filter((tool) => !orphans.includes(tool));
}
