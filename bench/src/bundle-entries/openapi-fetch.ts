// Bundle-size entry: bare openapi-fetch with the generated types doing the same call.
import type { paths } from "@aidp/types";
import createClient from "openapi-fetch";

const client = createClient<paths>({ baseUrl: "https://aidp.example.invalid" });
const { data } = await client.POST("/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs", {
  params: { path: { aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example" } },
  body: {},
});
console.log(data?.items.length);
