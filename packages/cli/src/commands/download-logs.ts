// `aidp cluster download-logs`: starts a log export and prints its async operation key, request id and PAR URL.

import { OPERATION_COMMANDS } from "../operation-commands.ts";
import { DEFAULT_WAIT_SECONDS } from "../wait-defaults.ts";
import { type OperationArgv, operationCommand, type SetOutcome } from "./operation-command.ts";

export function downloadLogsCommand(setOutcome: SetOutcome) {
  return operationCommand(
    {
      command: OPERATION_COMMANDS.downloadClusterLogs[1],
      describe: "Start an export of a cluster's logs (DownloadClusterLogs)",
      operationId: "downloadClusterLogs",
      flags: (command: OperationArgv) =>
        command
          .option("par-url-file", {
            type: "string",
            description:
              "Write the pre-authenticated URL of the log file (a bearer secret) to FILE, created with mode 0600, instead of standard output",
            group: "Output:",
            requiresArg: true,
          })
          .option("wait", {
            type: "boolean",
            description:
              "After starting the export, wait until its log file is ready: poll the PAR URL (404 until then; a failed export looks the same) with backoff",
            group: "Waiting:",
          })
          .option("download", {
            type: "string",
            description:
              "Then download the log file to FILE, atomically (a temporary file renamed when complete); implies --wait",
            group: "Waiting:",
            requiresArg: true,
          })
          .option("max-wait-seconds", {
            type: "string",
            description: `Give up waiting after this many seconds (exit 4) [default ${DEFAULT_WAIT_SECONDS.max}]`,
            group: "Waiting:",
            requiresArg: true,
          })
          .option("wait-interval-seconds", {
            type: "string",
            description: `The longest pause between two polls; they start ${DEFAULT_WAIT_SECONDS.firstInterval} s apart (or this, if shorter) and double up to it [default ${DEFAULT_WAIT_SECONDS.interval}]`,
            group: "Waiting:",
            requiresArg: true,
          })
          .example(
            "$0 cluster download-logs --instance-id ocid1... --workspace-key WS --cluster-key CL --log-content-type-contains driver --time-begin 24h --time-end 0s --par-url-file log-url.txt --wait --download driver.log",
            "Start the export, wait until its log file is ready and download it",
          )
          .example(
            "$0 cluster download-logs --instance-id ocid1... --workspace-key WS --cluster-key CL --log-content-type-contains driver --log-level ERROR --time-begin 24h --time-end 0s --par-url-file log-url.txt",
            "The last day's driver errors; the log file's URL goes to a private file",
          ),
      loadAction: async () => (await import("./download-logs-action.ts")).downloadLogs,
    },
    setOutcome,
  );
}
