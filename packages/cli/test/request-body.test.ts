// What is sent: --body (JSON, @file, standard input) merged with the flags, flags winning; relative times;
// AIDP_INSTANCE_ID; numbers as numbers. A local server records the requests exactly as they arrive.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeServiceFlags, sendJson, TEST_INSTANCE_ID } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { enumValues } from "./support/spec.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-cli-body-"));
const server = useFakeService((request, response) =>
  request.url.includes("/actions/downloadLogs")
    ? sendJson(response, 202, {}, { "aidp-async-operation-key": "op-1", "opc-request-id": "req-1" })
    : sendJson(response, 200, { items: [] }, { "opc-request-id": "req-1" }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [succeeded = "", failed = ""] = enumValues("Status");
const [, descending = ""] = enumValues("SortOrder");
const [objectType = ""] = enumValues("ObjectType");
const [operation = ""] = enumValues("Operation");
const sentBody = () => JSON.parse(server.requests.at(-1)?.body ?? "null");
const sentUrl = () => new URL(server.requests.at(-1)?.url ?? "", server.url);
const search = (...flags: string[]) =>
  runAidp(["audit", "search-logs", ...fakeServiceFlags(server), ...flags]);

describe("search-logs sends", () => {
  it("--body @file merged with the flags, the flags overriding the file's fields", async () => {
    const file = join(dir, "search.json");
    writeFileSync(file, JSON.stringify({ status: succeeded, objectType, query: "orders" }));
    const { code, stderr } = await search(
      "--body",
      `@${file}`,
      "--status",
      failed,
      "--sort-order",
      descending,
      "--search-text",
      "sales",
      "--limit",
      "50",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(sentBody()).toEqual({ status: failed, objectType, query: "sales", sortOrder: descending });
    expect(sentUrl().pathname).toBe(`/20260430/aiDataPlatforms/${TEST_INSTANCE_ID}/actions/searchAuditLogs`);
    expect(sentUrl().searchParams.get("limit")).toBe("50");
  });

  it("--body @file that begins with a byte order mark (as some Windows editors write) is read as its JSON", async () => {
    const file = join(dir, "with-bom.json");
    writeFileSync(file, `\uFEFF${JSON.stringify({ status: failed })}`);
    const { code, stderr } = await search("--body", `@${file}`);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(sentBody()).toMatchObject({ status: failed });
  });

  it("--body - reads standard input; --body JSON is taken as it is", async () => {
    await runAidp(["audit", "search-logs", ...fakeServiceFlags(server), "--body", "-"], {
      stdin: JSON.stringify({ operation }),
    });
    expect(sentBody()).toEqual({ operation });
    await search("--body", '{"startedBy":"jane"}');
    expect(sentBody()).toEqual({ startedBy: "jane" });
  });

  it("a relative --time-begin as an RFC 3339 time that long before now, in UTC", async () => {
    const before = Date.now();
    await search("--time-begin", "24h", "--time-end", "30m");
    const after = Date.now();
    const { timeBegin, timeEnd } = sentBody();
    expect(timeBegin).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const day = 24 * 3_600_000;
    expect(Date.parse(timeBegin)).toBeGreaterThanOrEqual(before - day - 1000);
    expect(Date.parse(timeBegin)).toBeLessThanOrEqual(after - day);
    expect(Date.parse(timeEnd) - Date.parse(timeBegin)).toBe(day - 30 * 60_000);
  });

  it("an RFC 3339 time with an offset, converted to UTC by the client", async () => {
    await search("--time-begin", "2025-03-16T02:00:00+02:00");
    expect(sentBody().timeBegin).toMatch(/^2025-03-16T00:00:00(\.000)?Z$/);
  });

  it("the instance from AIDP_INSTANCE_ID, and the endpoint from OCI_CLI_ENDPOINT and auth from OCI_CLI_AUTH", async () => {
    const { code } = await runAidp(["audit", "search-logs"], {
      env: { AIDP_INSTANCE_ID: "ocid1.from.environment", OCI_CLI_ENDPOINT: server.url, OCI_CLI_AUTH: "none" },
    });
    expect(code).toBe(0);
    expect(sentUrl().pathname).toContain("/aiDataPlatforms/ocid1.from.environment/");
    expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("a user agent naming the CLI and its version", async () => {
    await search();
    expect(server.requests.at(-1)?.headers["user-agent"]).toMatch(/^aidp-cli\/\d+\.\d+\.\d+/);
  });
});

describe("download-logs sends", () => {
  it("the path keys from their flags and the body from --body and the flags", async () => {
    const { code } = await runAidp([
      "cluster",
      "download-logs",
      ...fakeServiceFlags(server),
      "--workspace-key",
      "ws-1",
      "--cluster-key",
      "cl-1",
      "--body",
      '{"logContentTypeContains":"events","eventType":"CREATING"}',
      "--log-content-type-contains",
      "driver",
      "--log-level",
      "ERROR",
      "--time-begin",
      "2025-03-16T00:00:00Z",
      "--time-end",
      "2025-03-16T23:59:59Z",
    ]);
    expect(code).toBe(0);
    expect(sentUrl().pathname).toBe(
      `/20260430/aiDataPlatforms/${TEST_INSTANCE_ID}/workspaces/ws-1/clusters/cl-1/actions/downloadLogs`,
    );
    expect(sentBody()).toEqual({
      logContentTypeContains: "driver",
      eventType: "CREATING",
      logLevel: "ERROR",
      timeBegin: "2025-03-16T00:00:00.000Z",
      timeEnd: "2025-03-16T23:59:59.000Z",
    });
  });
});
