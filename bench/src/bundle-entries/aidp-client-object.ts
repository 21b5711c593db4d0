// Bundle-size entry: the same call through createAidpClient's object, which carries every operation, pagination,
// the realm table and `raw` (openapi-fetch): a bundler cannot drop an object's unused methods.
import { createAidpClient } from "@aidp/client";

const aidp = createAidpClient({ baseUrl: "https://aidp.example.invalid" });
const page = await aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example" });
console.log(page.items.length);
