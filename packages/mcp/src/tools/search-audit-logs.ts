// `search_audit_logs`: one page of SearchAuditLogs. The body's filters are top-level arguments beside `limit`
// (a small default) and `page` (the opc-next-page token, passed back unchanged). A POST, but it changes nothing:
// annotated read-only and idempotent on purpose, and open-world (it reads the service's data).
import type { SearchAuditLogsInput, SearchAuditLogsPage } from "@aidp/client";
import { type ApiFacts, operationNamed } from "@aidp/spec/facts";
import { operationArguments } from "../operation-arguments.ts";
import { RESULT_BUDGET_BYTES, resultBytes, utf8Bytes } from "../result-size.ts";
import { fixedParameters, type ToolContext, type ToolDefinition, toolNameOf } from "../tool-definition.ts";

/** Small, so that a page costs an agent little; the spec's own default (100) and maximum stay allowed. */
const SEARCH_DEFAULT_LIMIT = 50;
/** A record's payload is shown this long at most in the text (all of it is in the structured content). */
const TEXT_PAYLOAD_CHARS = 120;

type AuditRecord = SearchAuditLogsPage["items"][number];

export function searchAuditLogsTool(facts: ApiFacts, context: ToolContext): ToolDefinition {
  const operation = operationNamed(facts, "searchAuditLogs");
  const pagination = operation.pagination;
  if (!pagination)
    throw new Error("searchAuditLogs: the spec no longer says how it pages (x-aidp-pagination)");
  const limitName = "limit";
  const args = operationArguments(operation, {
    fixed: fixedParameters(context),
    defaults: { [limitName]: { value: SEARCH_DEFAULT_LIMIT, why: "small pages keep results short" } },
  });
  const name = toolNameOf(operation.operationId);
  return {
    name,
    description: [
      `${operation.summary}. ${operation.description?.split("\n")[0] ?? ""}`.trim(),
      `Returns one page: up to \`${limitName}\` records, and \`nextPage\` when there are more; call again with the same filters and \`${pagination.pageParameter}\` set to \`nextPage\` to continue (no \`nextPage\`: that was the last page).`,
      "Times are RFC 3339 or relative to now (24h, 7d). A page too large for one answer is cut to fewer records (`truncated: true`) and `nextPage` continues right after them.",
    ].join("\n"),
    inputSchema: args.inputSchema,
    annotations: {
      title: operation.summary ?? name,
      readOnlyHint: true,
      idempotentHint: true,
      openWorldHint: true,
    },
    argumentOf: args.argumentOf,
    async run(toolArgs, call) {
      const input = args.clientInput(toolArgs);
      input[limitName] ??= SEARCH_DEFAULT_LIMIT;
      const requested = input[limitName] as number;
      let page = await context.client.searchAuditLogs(input as SearchAuditLogsInput, { signal: call.signal });
      let outcome = pageOutcome(page, requested, false);
      // Too large: ask the same page again for only the records that fit, so that the service's own next-page
      // token continues exactly after them and no record is skipped.
      for (
        let attempt = 0;
        attempt < 3 && resultBytes(outcome.structured, outcome.text) > RESULT_BUDGET_BYTES;
        attempt++
      ) {
        const fitting = recordsThatFit(page.items, outcome);
        page = await context.client.searchAuditLogs(
          { ...input, [limitName]: fitting } as SearchAuditLogsInput,
          {
            signal: call.signal,
          },
        );
        outcome = pageOutcome(page, requested, true);
      }
      return outcome;
    },
  };
}

function pageOutcome(page: SearchAuditLogsPage, requested: number, truncated: boolean) {
  const structured: Record<string, unknown> = {
    items: page.items,
    nextPage: page.nextPage ?? null,
    requestId: page.requestId ?? null,
  };
  if (truncated) structured.truncated = true;
  const head = `${page.items.length} audit record${page.items.length === 1 ? "" : "s"}${truncated ? ` (cut from the ${requested} asked for, to keep this answer small)` : ""}; opc-request-id ${page.requestId ?? "none"}.`;
  const tail = page.nextPage
    ? `More records: call again with the same filters and page="${page.nextPage}".`
    : "This is the last page.";
  return { structured, text: [head, ...page.items.map(recordLine), tail].join("\n") };
}

/** One record in a line: time, status, operation, object, who, id, the start of its payload. */
function recordLine(record: AuditRecord): string {
  const payload = record.payload
    ? ` payload: ${record.payload.slice(0, TEXT_PAYLOAD_CHARS)}${record.payload.length > TEXT_PAYLOAD_CHARS ? "..." : ""}`
    : "";
  return `- ${record.timeOfLog ?? "?"} ${record.status ?? "?"} ${record.operation ?? "?"} ${record.objectType ?? "?"} ${record.objectName ?? "?"} by ${record.startedBy ?? "?"} (event ${record.eventId ?? "?"})${payload}`;
}

/** How many of the first records fit the budget, each costing its JSON and its text line; at least one. */
function recordsThatFit(
  items: readonly AuditRecord[],
  outcome: { structured: unknown; text: string },
): number {
  let used = resultBytes({ ...(outcome.structured as object), items: [] }, "") + 400;
  let count = 0;
  for (const item of items) {
    used += utf8Bytes(JSON.stringify(item)) + utf8Bytes(JSON.stringify(recordLine(item))) + 2;
    if (used > RESULT_BUDGET_BYTES) break;
    count++;
  }
  return Math.max(1, count);
}
