// Where requests go: an explicit baseUrl, or the spec's server template filled with a region and the domain of
// its realm (from the OCI SDKs' region list; `realm` overrides it; an unlisted region is in the commercial realm).
// The regional hosts cannot be reached from a test, so a recording `fetch` answers: it is the client's own
// `fetch` option, and the URL is what it was asked for.
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
    [{ region: "eu-frankfurt-2" }, "https://datalake.eu-frankfurt-2.oci.oraclecloud.eu"],
    [{ region: "EU-Madrid-2" }, "https://datalake.eu-madrid-2.oci.oraclecloud.eu"],
    [{ region: "us-langley-1" }, "https://datalake.us-langley-1.oci.oraclegovcloud.com"],
    [{ region: "ap-chiyoda-1" }, "https://datalake.ap-chiyoda-1.oci.oraclecloud8.com"],
    [{ region: "uk-gov-london-1" }, "https://datalake.uk-gov-london-1.oci.oraclegovcloud.uk"],
    [{ region: "me-dcc-doha-1" }, "https://datalake.me-dcc-doha-1.oci.oraclecloud21.com"],
    [{ region: "xx-newcity-1" }, "https://datalake.xx-newcity-1.oci.oraclecloud.com"],
    [
      { region: "eu-frankfurt-2", realm: "oc1" as const },
      "https://datalake.eu-frankfurt-2.oci.oraclecloud.com",
    ],
    [{ baseUrl: "http://127.0.0.1:4010/", region: "us-ashburn-1" }, "http://127.0.0.1:4010"],
  ])("%j sends to %s", async (options, base) => {
    expect(await urlFor(options)).toBe(`${base}/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs`);
  });

  it.each([
    [{}, "give `baseUrl`, `region`, or an auth provider that knows its region"],
    [
      { region: "ashburn" },
      'createAidpClient: region must be an OCI region identifier such as us-ashburn-1 or uk-gov-london-1 (short codes such as iad: createAidpClient of @aidp/client/node), got "ashburn".',
    ],
    [{ region: "iad" }, "short codes such as iad: createAidpClient of @aidp/client/node"],
    [{ region: "us-ashburn-1", realm: "oc99" as "oc1" }, 'unknown realm "oc99"'],
    [{ baseUrl: "not a url" }, 'baseUrl must be an absolute URL, got "not a url"'],
    // fetch refuses such a URL on every attempt, which would be retried as network failures.
    [
      { baseUrl: "http://admin:hunter2@127.0.0.1:4010" },
      "createAidpClient: baseUrl must not hold a user name or password.",
    ],
  ])("rejects %j at creation", (options, message) => {
    expect(() => createAidpClient(options)).toThrow(message);
  });

  it("does not show the password of a baseUrl it refuses", () => {
    expect(() => createAidpClient({ baseUrl: "http://admin:hunter2@127.0.0.1:4010" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});
