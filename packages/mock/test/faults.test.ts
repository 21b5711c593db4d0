// Scripted faults for consumers' retry tests: x-aidp-mock-fail lists what successive attempts with the same
// opc-retry-token get before the real answer; --fail-rate fails a seeded share of all requests.
import { type IncomingHttpHeaders, request } from "node:http";
import { describe, expect, it } from "vitest";
import { startMock } from "../src/index.ts";
import {
  call,
  type OperationId,
  operations,
  requestIdPattern,
  schemaErrors,
  useStatefulMock,
  validBodies,
} from "./support.ts";

const mock = useStatefulMock();
const fail = (script: string, token?: string) => ({
  "x-aidp-mock-fail": script,
  ...(token ? { "opc-retry-token": token } : {}),
});

/** A request over node:http, to see a reset or a cut body as the socket shows it. */
function rawCall(
  operation: OperationId,
  headers: Record<string, string>,
): Promise<{ status?: number; headers?: IncomingHttpHeaders; body: string; error?: string }> {
  return new Promise((resolve) => {
    const body = JSON.stringify(validBodies[operation]);
    const url = new URL(`${mock.url}${operations[operation]}`);
    const sent = request(
      url,
      { method: "POST", headers: { "content-type": "application/json", ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode, headers: response.headers, body: text }),
        );
        response.on("error", (error) =>
          resolve({ status: response.statusCode, body: text, error: error.message }),
        );
      },
    );
    sent.on("error", (error) =>
      resolve({ body: "", error: (error as NodeJS.ErrnoException).code ?? error.message }),
    );
    sent.end(body);
  });
}
const rawSearch = (headers: Record<string, string>) => rawCall("searchAuditLogs", headers);

describe("x-aidp-mock-fail", () => {
  it("503,503: attempts 1 and 2 with one retry token get 503, attempt 3 the page", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await call(mock.url, "searchAuditLogs", { headers: fail("503,503", "retry-me") });
      statuses.push(response.status);
      if (response.status === 503) {
        expect(response.body).toEqual({ code: "UnknownError", message: expect.stringContaining("503") });
        expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
      } else {
        expect(schemaErrors("AuditLogSearchResultCollection", response.body)).toBe("");
      }
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it("a request without a retry token is always attempt 1", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await call(mock.url, "searchAuditLogs", { headers: fail("500") })).status).toBe(500);
    }
  });

  it.each([
    ["429", 429, "TooManyRequests"],
    ["500", 500, "InternalServerError"],
    ["409", 409, "IncorrectState"],
    ["503", 503, "UnknownError"],
  ])("%s answers with the spec's Error code %s", async (script, status, code) => {
    const response = await call(mock.url, "downloadClusterLogs", { headers: fail(script) });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.headers.get("retry-after")).toBeNull();
  });

  it("429;retry-after=2 sends Retry-After: 2", async () => {
    const response = await call(mock.url, "searchAuditLogs", { headers: fail("429;retry-after=2") });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
  });

  it("reset drops the connection without an answer, then the retry gets the page", async () => {
    expect(await rawSearch(fail("reset", "reset-1"))).toMatchObject({ error: "ECONNRESET" });
    expect(await rawSearch(fail("reset", "reset-1"))).toMatchObject({ status: 200 });
  });

  it("truncate cuts the body mid-way after headers that promise all of it", async () => {
    const cut = await rawSearch(fail("truncate", "cut-1"));
    expect(cut.status).toBe(200);
    expect(cut.error).toBe("aborted");
    expect(() => JSON.parse(cut.body)).toThrow();
    const whole = await rawSearch(fail("truncate", "cut-1"));
    expect(JSON.parse(whole.body).items.length).toBeGreaterThan(0);
  });

  it("truncate on the bodiless 202 of DownloadClusterLogs resets the connection, then the retry gets the 202", async () => {
    const failed = await rawCall("downloadClusterLogs", fail("truncate", "cut-202"));
    expect(failed).toEqual({ body: "", error: "ECONNRESET" }); // no status: nothing of an answer came
    const retried = await rawCall("downloadClusterLogs", fail("truncate", "cut-202"));
    expect(retried.status).toBe(202);
    expect(retried.headers?.["datalake-cluster-log-par-url"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it("delay=MS answers the real page after at least MS", async () => {
    const started = performance.now();
    const response = await call(mock.url, "searchAuditLogs", { headers: fail("delay=300") });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.status).toBe(200);
  });

  it("reset() forgets attempt counts", async () => {
    expect((await call(mock.url, "searchAuditLogs", { headers: fail("503", "counted") })).status).toBe(503);
    expect((await call(mock.url, "searchAuditLogs", { headers: fail("503", "counted") })).status).toBe(200);
    await mock.reset();
    expect((await call(mock.url, "searchAuditLogs", { headers: fail("503", "counted") })).status).toBe(503);
  });

  it.each(["502,teapot", "delay=fast", "200", "", "503;retry-after=soon"])(
    "refuses the script %j with a 400 naming the item",
    async (script) => {
      const response = await call(mock.url, "searchAuditLogs", { headers: fail(script) });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("InvalidParameter");
      expect(response.body.message).toContain("x-aidp-mock-fail item");
    },
  );
});

describe("failRate", () => {
  it("fails about that share of requests with random faults, the same ones for the same seed", async () => {
    const outcomes = async () => {
      const soak = await startMock({ port: 0, failRate: 0.3, seed: "soak" });
      try {
        const results: string[] = [];
        for (let i = 0; i < 60; i++) {
          const response = await call(soak.url, "searchAuditLogs").catch(() => ({ status: 0 }));
          results.push(String(response.status));
        }
        return results;
      } finally {
        await soak.stop();
      }
    };
    const first = await outcomes();
    const failures = first.filter((status) => status !== "200").length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(40);
    expect(new Set(first).size).toBeGreaterThan(3);
    expect(await outcomes()).toEqual(first);
  });
});
