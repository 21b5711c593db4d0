// Bundle-size entry: the client README's first program. Create a connection and call searchAuditLogs once, in the
// per-operation form (a bundler drops the operations a program does not call).
import { createAidpConnection, searchAuditLogs } from "@aidp/client";

const aidp = createAidpConnection({ baseUrl: "https://aidp.example.invalid" });
const page = await searchAuditLogs(aidp, { aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example" });
console.log(page.items.length);
