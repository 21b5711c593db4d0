// `download_cluster_logs`: starts DownloadClusterLogs, an export. The answer's PAR URL is a bearer secret: it
// stays in this server's memory behind a random `logHandle`, and the model sees the handle, the async operation
// key and the request id only. Not read-only (it starts an export), not destructive, not idempotent (each call
// starts another export).
import { type DownloadClusterLogsInput, logParUrlProblem } from "@aidp/client";
import { type ApiFacts, operationNamed } from "@aidp/spec/facts";
import { LogFileError } from "../errors.ts";
import { operationArguments } from "../operation-arguments.ts";
import { fixedParameters, type ToolContext, type ToolDefinition, toolNameOf } from "../tool-definition.ts";
import { READ_CLUSTER_LOG } from "./read-cluster-log.ts";

export function downloadClusterLogsTool(facts: ApiFacts, context: ToolContext): ToolDefinition {
  const operation = operationNamed(facts, "downloadClusterLogs");
  const args = operationArguments(operation, { fixed: fixedParameters(context) });
  const name = toolNameOf(operation.operationId);
  return {
    name,
    description: [
      `${operation.summary}. ${operation.description?.trim() ?? ""}`.trim(),
      `Starts an export and returns a \`logHandle\`; read the log with ${READ_CLUSTER_LOG} and that handle (it answers PENDING until the file is ready). The log file's URL is never shown.`,
    ].join("\n"),
    inputSchema: args.inputSchema,
    annotations: {
      title: operation.summary ?? name,
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    },
    argumentOf: args.argumentOf,
    async run(toolArgs, call) {
      const job = await context.client.downloadClusterLogs(
        args.clientInput(toolArgs) as DownloadClusterLogsInput,
        {
          signal: call.signal,
        },
      );
      const urlProblem = logParUrlProblem(job.logParUrl);
      if (urlProblem !== undefined)
        throw new LogFileError(
          `the service accepted the export (opc-request-id ${job.requestId ?? "none"}) but its answer ${urlProblem}; follow it with its async operation key ${job.asyncOperationKey ?? "(none)"}`,
        );
      // logParUrlProblem found none: the URL is there.
      const { logHandle, expiresAt } = context.handles.create(job.logParUrl as string);
      const structured = {
        logHandle,
        asyncOperationKey: job.asyncOperationKey ?? null,
        requestId: job.requestId ?? null,
        expiresAt,
      };
      const text = `Log export started: async operation key ${job.asyncOperationKey ?? "none"}, opc-request-id ${job.requestId ?? "none"}. Read it with ${READ_CLUSTER_LOG} and logHandle "${logHandle}" (valid until ${expiresAt}); it answers PENDING until the file is ready.`;
      return { structured, text };
    },
  };
}
