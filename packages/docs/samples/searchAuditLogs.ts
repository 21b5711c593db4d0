// SearchAuditLogs with @aidp/client: the failed operations since 16 March 2025.
import { createAidpClient } from "@aidp/client";

// This talks to the local mock (`pnpm start`). Against Oracle Cloud, pass `{ region: "us-ashburn-1", auth }`
// instead: the client signs every request (see the @aidp/client README, section Authentication).
const aidp = createAidpClient({ baseUrl: "http://127.0.0.1:4010" });
const aiDataPlatformId =
  "ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq";

// One page of at most 50 records.
const page = await aidp.searchAuditLogs({
  aiDataPlatformId,
  limit: 50,
  details: { status: "FAILED", timeBegin: new Date("2025-03-16T00:00:00Z") },
});
console.log(`${page.items.length} records, request id ${page.requestId}, next page ${page.nextPage}`);

// Or every record: the client follows `opc-next-page` for you. Call options go in a second argument.
const failed = { aiDataPlatformId, details: { status: "FAILED" as const } };
for await (const record of aidp.searchAuditLogsItems(failed, { maxItems: 10_000, timeoutMs: 30_000 })) {
  console.log(record.timeOfLog, record.operation, record.objectType, record.objectName);
}
