// `aidp audit search-logs`: one page, or every page with --all (or up to --max-items), in any output format.
import { OPERATION_COMMANDS } from "../operation-commands.ts";
import { type OperationArgv, operationCommand, type SetOutcome } from "./operation-command.ts";

const EXAMPLE_INSTANCE = "ocid1.aidataplatform.oc1.iad.example";

export function searchLogsCommand(setOutcome: SetOutcome) {
  return operationCommand(
    {
      command: OPERATION_COMMANDS.searchAuditLogs[1],
      describe: "Search the audit logs (SearchAuditLogs)",
      operationId: "searchAuditLogs",
      flags: (command: OperationArgv) =>
        command
          .option("all", {
            type: "boolean",
            description: "Read every page, streaming the records as they come",
            group: "Pages:",
          })
          .option("max-items", {
            type: "string",
            description: "A whole number: read pages until this many records (implies --all)",
            group: "Pages:",
            requiresArg: true,
          })
          .example(
            `$0 audit search-logs --instance-id ${EXAMPLE_INSTANCE} --status FAILED --time-begin 24h --all --output csv > failed.csv`,
            "The last day's failed operations as CSV",
          )
          .example(
            "$0 audit search-logs --body @search.json --sort-order DESC --limit 50 --output table",
            "A body from a file, with flags on top",
          )
          .example(
            "AIDP_INSTANCE_ID=... $0 audit search-logs --all --output ndjson --output-file audit.ndjson",
            "Every record into a file, written atomically",
          )
          .example(
            `$0 audit search-logs --auth none --endpoint http://127.0.0.1:4010 --instance-id ${EXAMPLE_INSTANCE}`,
            "Against the mock (pnpm start)",
          ),
      loadAction: async () => (await import("./search-logs-action.ts")).searchLogs,
    },
    setOutcome,
  );
}
