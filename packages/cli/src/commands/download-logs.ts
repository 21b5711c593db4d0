// `aidp cluster download-logs`: starts a log export and prints its async operation key, request id and PAR URL.
import type { CommandModule } from "yargs";
import { withRequestFlags } from "./request-flags.ts";
import type { CommandFlags } from "./run-operation.ts";

export function downloadLogsCommand(setExitCode: (code: number) => void): CommandModule {
  return {
    command: "download-logs",
    describe: "Start an export of a cluster's logs (DownloadClusterLogs)",
    builder: (command) =>
      withRequestFlags(command, "downloadClusterLogs")
        .option("par-url-file", {
          type: "string",
          description:
            "Write the pre-authenticated URL of the log file (a bearer secret) to FILE, created with mode 0600, instead of standard output",
          group: "Output:",
          requiresArg: true,
        })
        .example(
          "$0 cluster download-logs --instance-id ocid1... --workspace-key WS --cluster-key CL --log-content-type-contains driver --log-level ERROR --time-begin 24h --time-end 0s --par-url-file log-url.txt",
          "The last day's driver errors; the log file's URL goes to a private file",
        ),
    handler: async (argv) => {
      const { downloadLogs } = await import("./download-logs-action.ts");
      setExitCode(await downloadLogs(argv as unknown as CommandFlags & DownloadFlags));
    },
  };
}

export interface DownloadFlags {
  parUrlFile?: string;
}
