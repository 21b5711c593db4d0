// DownloadClusterLogs behaves like an export with a PAR URL on the mock itself, and opc-retry-token behaves as
// the service promises: same token and request, same answer; same token and another request, 409.
import { describe, expect, it } from "vitest";
import { call, requestIdPattern, schemaErrors, useStatefulMock, validBodies } from "./support.ts";

const mock = useStatefulMock();
const retry = (token: string) => ({ "opc-retry-token": token });

describe("DownloadClusterLogs as an export", () => {
  it("answers 202 with a fresh operation key and a PAR URL on the mock, whose log file fits the request", async () => {
    const [first, second] = [
      await call(mock.url, "downloadClusterLogs"),
      await call(mock.url, "downloadClusterLogs"),
    ];
    expect(first.status).toBe(202);
    expect(first.body).toBeUndefined();
    const key = first.headers.get("aidp-async-operation-key");
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get("aidp-async-operation-key")).not.toBe(key);
    const parUrl = first.headers.get("datalake-cluster-log-par-url") as string;
    expect(parUrl.startsWith(`${mock.url}/p/`)).toBe(true);
    expect(parUrl).not.toBe(second.headers.get("datalake-cluster-log-par-url"));

    const log = await fetch(parUrl);
    expect(log.status).toBe(200);
    expect(log.headers.get("content-type")).toContain("text/plain");
    const text = await log.text();
    const details = validBodies.downloadClusterLogs as Record<string, string>;
    expect(text).toContain("placeholder");
    const lines = text.trim().split("\n").slice(1);
    for (const line of lines) {
      const time = Date.parse(line.split(" ")[0] as string);
      expect(time).toBeGreaterThanOrEqual(Date.parse(details.timeBegin as string));
      expect(time).toBeLessThan(Date.parse(details.timeEnd as string));
      expect(line).toContain(details.logLevel);
      expect(line).toContain(details.executionContextId);
    }
  });

  it("an export over a window ending in a leap second (23:59:60, valid RFC 3339) has its log file, not a 500", async () => {
    const response = await call(mock.url, "downloadClusterLogs", {
      body: {
        ...validBodies.downloadClusterLogs,
        timeBegin: "2016-12-31T23:00:00Z",
        timeEnd: "2016-12-31T23:59:60Z",
      },
    });
    expect(response.status).toBe(202);
    const log = await fetch(response.headers.get("datalake-cluster-log-par-url") as string);
    expect(log.status).toBe(200);
    expect(await log.text()).toContain("2016-12-31T23:");
  });

  it("any other token gets 404 with an Error body", async () => {
    const response = await call(mock.url, "downloadClusterLogs");
    const parUrl = new URL(response.headers.get("datalake-cluster-log-par-url") as string);
    const [, , token] = parUrl.pathname.split("/");
    const wrong = await fetch(`${mock.url}${parUrl.pathname.replace(token as string, "not-the-token")}`);
    expect(wrong.status).toBe(404);
    expect(schemaErrors("Error", await wrong.json())).toBe("");
    expect(wrong.headers.get("opc-request-id")).toMatch(requestIdPattern);
  });

  it("reset() forgets exports", async () => {
    const response = await call(mock.url, "downloadClusterLogs");
    await mock.reset();
    expect((await fetch(response.headers.get("datalake-cluster-log-par-url") as string)).status).toBe(404);
  });
});

describe("opc-retry-token", () => {
  it("the same token with the same export request gets the same operation key and PAR URL", async () => {
    const [a, b] = [
      await call(mock.url, "downloadClusterLogs", { headers: retry("export-1") }),
      await call(mock.url, "downloadClusterLogs", { headers: retry("export-1") }),
    ];
    expect(b.status).toBe(202);
    expect(b.headers.get("aidp-async-operation-key")).toBe(a.headers.get("aidp-async-operation-key"));
    expect(b.headers.get("datalake-cluster-log-par-url")).toBe(a.headers.get("datalake-cluster-log-par-url"));
    expect(b.headers.get("opc-request-id")).not.toBe(a.headers.get("opc-request-id"));
  });

  it("the same token with the same search gets the same page and token", async () => {
    const options = { query: "?limit=3", body: { status: "FAILED" }, headers: retry("search-1") };
    const [a, b] = [
      await call(mock.url, "searchAuditLogs", options),
      await call(mock.url, "searchAuditLogs", options),
    ];
    expect(b.body).toEqual(a.body);
    expect(b.headers.get("opc-next-page")).toBe(a.headers.get("opc-next-page"));
  });

  it.each([
    ["another body", { body: { ...validBodies.downloadClusterLogs, logLevel: "WARN" } }],
    ["another cluster", { path: "cl-2" }],
  ])("the same token with %s gets 409 InvalidatedRetryToken saying why", async (_name, change) => {
    await call(mock.url, "downloadClusterLogs", { headers: retry(`conflict-${_name}`) });
    const response =
      "path" in change
        ? await fetch(
            `${mock.url}/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.test/workspaces/ws-1/clusters/${change.path}/actions/downloadLogs`,
            {
              method: "POST",
              headers: { "content-type": "application/json", ...retry(`conflict-${_name}`) },
              body: JSON.stringify(validBodies.downloadClusterLogs),
            },
          ).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() }))
        : await call(mock.url, "downloadClusterLogs", { ...change, headers: retry(`conflict-${_name}`) });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      code: "InvalidatedRetryToken",
      message: expect.stringContaining("opc-retry-token was already used with a different request"),
    });
    expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
  });

  it("reset() forgets retry tokens", async () => {
    await call(mock.url, "downloadClusterLogs", { headers: retry("forgotten") });
    await mock.reset();
    const response = await call(mock.url, "downloadClusterLogs", {
      body: { ...validBodies.downloadClusterLogs, logLevel: "WARN" },
      headers: retry("forgotten"),
    });
    expect(response.status).toBe(202);
  });
});
