// Bundle-size entry: create the client and call searchAuditLogs once.
import { createAidpClient } from "@aidp/client";

const aidp = createAidpClient({ baseUrl: "https://aidp.example.invalid" });
const page = await aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example" });
console.log(page.items.length);
