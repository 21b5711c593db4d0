// Bundle-size entry: the same call as aidp-client.ts, signed with an API key (the OCI SDK always signs).
import { apiKeyAuth, createAidpConnection, searchAuditLogs } from "@aidp/client";

declare const privateKeyPem: string;
const auth = apiKeyAuth({
  tenancy: "ocid1.tenancy.oc1..example",
  user: "ocid1.user.oc1..example",
  fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
  privateKey: privateKeyPem,
});
const aidp = createAidpConnection({ baseUrl: "https://aidp.example.invalid", auth });
const page = await searchAuditLogs(aidp, { aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example" });
console.log(page.items.length);
