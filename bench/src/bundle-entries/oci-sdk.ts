// Bundle-size entry: the official OCI SDK's closest call (it has no SearchAuditLogs): one signed list call.
import { AiDataPlatformClient } from "oci-aidataplatform";
import { Region, SimpleAuthenticationDetailsProvider } from "oci-common";

declare const privateKeyPem: string;
const provider = new SimpleAuthenticationDetailsProvider(
  "ocid1.tenancy.oc1..example",
  "ocid1.user.oc1..example",
  "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
  privateKeyPem,
  null,
  Region.US_ASHBURN_1,
);
const client = new AiDataPlatformClient({ authenticationDetailsProvider: provider });
const response = await client.listAiDataPlatforms({ compartmentId: "ocid1.compartment.oc1..example" });
console.log(response.aiDataPlatformCollection.items.length);
