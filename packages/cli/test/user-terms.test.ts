// Errors and help in the user's terms: a URL without its scheme, a first run without an OCI config file, a date
// for a time flag, a --body value reported as --body's, and help text that reads as the spec means it.
import { describe, expect, it } from "vitest";
import { fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const server = useFakeService((_request, response) => sendJson(response, 200, { items: [] }));

describe("errors in the user's terms", () => {
  it("--endpoint without a scheme: says so, with the URL it probably means", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      "--auth",
      "none",
      "--endpoint",
      "127.0.0.1:4711",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'aidp: --endpoint "127.0.0.1:4711" is not a URL: give it with its scheme, e.g. http://127.0.0.1:4711',
    );
  });

  it("OCI_CLI_ENDPOINT without a scheme: named as that variable, not as --endpoint", async () => {
    const { code, stderr } = await runAidp(["audit", "search-logs", "--auth", "none"], {
      env: { OCI_CLI_ENDPOINT: "127.0.0.1:4711" },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'aidp: OCI_CLI_ENDPOINT "127.0.0.1:4711" is not a URL: give it with its scheme, e.g. http://127.0.0.1:4711',
    );
  });

  /** A search in a region, without the mock's --auth none and --endpoint: what a first run on a new machine types. */
  const searchInRegion = (...flags: string[]) =>
    runAidp(["audit", "search-logs", "--instance-id", "x", "--region", "us-ashburn-1", ...flags]);

  it("a first run without ~/.oci/config: how to create one, and how to reach the mock", async () => {
    const { code, stderr } = await searchInRegion();
    expect(code).toBe(2);
    expect(stderr).toMatch(/no OCI config file at .*\/\.oci\/config \(the default\)/);
    expect(stderr).toContain("`oci setup config`");
    expect(stderr).toContain("--auth none --endpoint http://127.0.0.1:4010");
  });

  it.each([
    ["--config-file", []],
    ["--profile", []],
    // Unsigned, so that the address is what reads it: "" would read as no region, and the error be about another thing.
    ["--region", ["--auth", "none"]],
  ])(
    "an empty %s is named as empty (it would read the current folder, look for a profile [], or mean no region)",
    async (flag, extra) => {
      const { code, stdout, stderr } = await searchInRegion(...extra, flag, "");
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr).toBe(`aidp: ${flag} is empty: give a value, or leave it out for the default\n`);
    },
  );

  it("a date for --time-begin is its midnight UTC", async () => {
    const { code } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--time-begin",
      "2025-03-30",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(server.requests.at(-1)?.body ?? "{}")).toMatchObject({
      timeBegin: "2025-03-30T00:00:00.000Z",
    });
  });

  it("a bad time in --body is reported as --body's, not as the flag's", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--body",
      '{"timeBegin":"24h"}',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '  - --body field "timeBegin" (or --time-begin): expected an RFC 3339 date-time such as 2025-03-16T08:00:00Z (relative times such as 24h are for the flag, not --body), got "24h"',
    );
  });
});

describe("help rendered from the spec", () => {
  it("sentences end, links keep their URL, numbers say they are numbers, no [string]", async () => {
    const { stdout: search } = await runAidp(["audit", "search-logs", "--help"]);
    const { stdout: download } = await runAidp(["cluster", "download-logs", "--help"]);
    const flat = (help: string) => help.replace(/\s+/g, " ");
    expect(flat(download)).toContain("The key of the Workspace. Required.");
    expect(flat(search)).toContain(
      "see List Pagination (https://docs.oracle.com/iaas/Content/API/Concepts/usingapi.htm#nine)",
    );
    expect(flat(search)).toContain("A whole number, at least 1, at most 1000.");
    expect(flat(search)).toMatch(/--max-items A whole number/);
    for (const help of [search, download]) expect(help).not.toContain("[string]");
  });
});
