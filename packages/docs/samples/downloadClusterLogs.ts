// DownloadClusterLogs with @aidp/client: export the ERROR lines a Spark driver wrote during one day.
import { createAidpClient } from "@aidp/client";

// This talks to the local mock (`pnpm start`). Against Oracle Cloud, pass `{ region: "us-ashburn-1", auth }`
// instead: the client signs every request (see the @aidp/client README, section Authentication).
const aidp = createAidpClient({ baseUrl: "http://127.0.0.1:4010" });

const job = await aidp.downloadClusterLogs({
  aiDataPlatformId:
    "ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq",
  workspaceKey: "7f3c2a9e-1d4b-4e8f-9a6c-2b5d8e1f0a34",
  clusterKey: "c1a9d2f4-6b3e-4c7a-8d5f-0e2b4a6c8d1e",
  details: {
    logContentTypeContains: "driver",
    logLevel: "ERROR",
    timeBegin: new Date("2025-03-16T00:00:00Z"),
    timeEnd: new Date("2025-03-16T23:59:59Z"),
  },
});
// The export runs asynchronously: track it with the operation key.
console.log(`export ${job.asyncOperationKey} started, request id ${job.requestId}`);
// Once the export has finished, the log file is at this pre-authenticated URL (a secret: never log it).
const logFileUrl: string | undefined = job.logParUrl;
if (logFileUrl === undefined) throw new Error(`No log file URL in the answer to request ${job.requestId}`);
