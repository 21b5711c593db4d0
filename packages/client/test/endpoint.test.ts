// Where requests go: an explicit baseUrl, or the spec's server template filled with a region and the domain of
// its realm (the spec's default domain when no realm is given). The regional hosts cannot be reached from a test,
// so a recording `fetch` answers: it is the client's own `fetch` option, and the URL is what it was asked for.
import { describe, expect, it } from "vitest";
import { type AidpClientOptions, createAidpClient } from "../src/index.ts";

/** The URL the client would fetch for one searchAuditLogs call. */
async function urlFor(options: AidpClientOptions): Promise<string> {
  let url = "";
  const aidp = createAidpClient({
    ...options,
    retry: false,
    fetch: async (input) => {
      url = String(input);
      return Response.json({ items: [] });
    },
  });
  await aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.x" });
  return url;
}

describe("endpoint", () => {
  it.each([
    [{ region: "us-ashburn-1" }, "https://datalake.us-ashburn-1.oci.oraclecloud.com"],
    [{ region: "uk-london-1", realm: "oc4" as const }, "https://datalake.uk-london-1.oci.oraclegovcloud.uk"],
    [{ baseUrl: "http://127.0.0.1:4010/", region: "us-ashburn-1" }, "http://127.0.0.1:4010"],
  ])("%j sends to %s", async (options, base) => {
    expect(await urlFor(options)).toBe(`${base}/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs`);
  });

  it.each([
    [{}, "give `baseUrl`, `region`, or an auth provider that knows its region"],
    [{ region: "ashburn" }, 'region must look like "us-ashburn-1", got "ashburn"'],
    [{ region: "us-ashburn-1", realm: "oc99" as "oc1" }, 'unknown realm "oc99"'],
    [{ baseUrl: "not a url" }, 'baseUrl must be an absolute URL, got "not a url"'],
  ])("rejects %j at creation", (options, message) => {
    expect(() => createAidpClient(options)).toThrow(message);
  });
});
