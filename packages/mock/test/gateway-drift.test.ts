// The gateway in front of a small upstream of this test's own that breaks the spec in one chosen way per
// request: each deviation is passed on unchanged and shows in the drift report with its location and rule;
// with `strict` it becomes a 502; with `record` only the records that keep to the spec are written. Upstream
// failures (refused, TLS, timeout) become 502s in the API's Error shape naming the cause.
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DRIFT_REPORT_PATH,
  type DriftReport,
  type GatewayOptions,
  type RunningGateway,
  startGateway,
} from "../src/gateway/index.ts";
import { call, mixedRecordsPage, operations } from "./support.ts";

const validPage = mixedRecordsPage;
const [firstRecord, secondRecord] = validPage.items as [Record<string, unknown>, Record<string, unknown>];

/** How the upstream answers, by the `x-test-deviation` header the test sends through the gateway. */
const deviations: Record<string, (response: ServerResponse, requestId: string) => void> = {
  none: (response, id) => json(response, 200, { items: [firstRecord, secondRecord] }, id),
  "extra body field": (response, id) => json(response, 200, { items: [firstRecord], nextToken: "x" }, id),
  "missing opc-request-id": (response) => json(response, 200, { items: [firstRecord] }),
  "wrong enum value": (response, id) =>
    json(response, 200, { items: [firstRecord, { ...secondRecord, objectType: "SPREADSHEET" }] }, id),
  "integer where a string belongs": (response, id) =>
    json(response, 200, { items: [{ ...firstRecord, eventId: 4711 }] }, id),
  "undeclared status": (response, id) =>
    json(response, 418, { code: "Teapot", message: "short and stout" }, id),
  "text/html 500": (response, id) => {
    response.writeHead(500, { "content-type": "text/html", "opc-request-id": id });
    response.end("<html><body>Internal error</body></html>");
  },
  "invalid JSON 200": (response, id) => {
    response.writeHead(200, { "content-type": "application/json", "opc-request-id": id });
    response.end('{"items": [');
  },
};

function json(response: ServerResponse, status: number, body: unknown, requestId?: string): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (requestId) headers["opc-request-id"] = requestId;
  response.writeHead(status, headers);
  response.end(JSON.stringify(body));
}

async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const received: { deviation: string; authorization?: string | undefined }[] = [];
const deviating = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const deviation = String(request.headers["x-test-deviation"] ?? "none");
    received.push({ deviation, authorization: request.headers.authorization });
    const answer = deviations[deviation];
    if (!answer)
      return json(response, 400, { code: "InvalidParameter", message: `no deviation ${deviation}` });
    answer(response, `UPSTREAM${Object.keys(deviations).indexOf(deviation)}`);
  });
});
const silent = createServer(() => {}); // accepts, never answers
const upstreamUrl = await listen(deviating);
const silentUrl = await listen(silent);

const directory = mkdtempSync(join(tmpdir(), "aidp-gateway-drift-"));
const recordFile = join(directory, "records.ndjson");
const strictRecordFile = join(directory, "strict-records.ndjson");
const started: RunningGateway[] = [];
async function start(options: GatewayOptions): Promise<RunningGateway> {
  const running = await startGateway({ port: 0, auth: "none", ...options });
  started.push(running);
  return running;
}
const gateway = await start({ upstream: upstreamUrl, record: recordFile });
const strictGateway = await start({ upstream: upstreamUrl, strict: true, record: strictRecordFile });
afterAll(async () => {
  await Promise.all(started.map((running) => running.stop()));
  deviating.closeAllConnections();
  silent.closeAllConnections();
  await Promise.all([deviating, silent].map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(directory, { recursive: true, force: true });
});

async function driftReport(url: string): Promise<DriftReport> {
  return (await (await fetch(`${url}${DRIFT_REPORT_PATH}`)).json()) as DriftReport;
}

/** Through the gateway: the answer as the caller sees it, text and all. */
async function search(url: string, deviation: string, requestId = "CALLER1") {
  const response = await fetch(`${url}${operations.searchAuditLogs}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-test-deviation": deviation,
      "opc-request-id": requestId,
    },
    body: "{}",
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const cases: [deviation: string, status: number, location: string, rule: RegExp][] = [
  ["extra body field", 200, "body.nextToken", /^is not allowed \(the schema has no such property\)$/],
  [
    "missing opc-request-id",
    200,
    "header opc-request-id",
    /^is missing \(the spec documents it on this answer\)$/,
  ],
  [
    "wrong enum value",
    200,
    "body.items[].objectType",
    /^must be equal to one of the allowed values: .*\bTABLE\b/,
  ],
  ["integer where a string belongs", 200, "body.items[].eventId", /^must be string$/],
  [
    "undeclared status",
    418,
    "status",
    /^418 is not a status searchAuditLogs declares \(200, 400, .*\); only "default" covers it$/,
  ],
  ["text/html 500", 500, "header content-type", /^is "text\/html"; the spec declares application\/json$/],
  ["invalid JSON 200", 200, "body", /^is not valid JSON \(.+\)$/],
];

describe("a gateway in front of an upstream that breaks the spec", () => {
  it("passes a valid answer on and reports nothing for it", async () => {
    const answer = await search(gateway.url, "none");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ items: [firstRecord, secondRecord] });
    const report = await driftReport(gateway.url);
    expect(report.violations).toEqual([]);
    expect(report.requests).toBe(1);
  });

  it.each(cases)(
    "%s: passed on unchanged, reported at its location with its rule",
    async (deviation, status, location, rule) => {
      const before = await driftReport(gateway.url);
      const answer = await search(gateway.url, deviation);
      expect(answer.status).toBe(status);
      const direct = await fetch(`${upstreamUrl}${operations.searchAuditLogs}`, {
        method: "POST",
        headers: { "x-test-deviation": deviation },
        body: "{}",
      });
      expect(answer.text).toBe(await direct.text()); // byte for byte what the upstream said
      expect(answer.headers.get("content-type")).toBe(direct.headers.get("content-type"));

      const report = await driftReport(gateway.url);
      expect(report.requests).toBe(before.requests + 1);
      const found = report.violations.filter((violation) => violation.location === location);
      expect(found, JSON.stringify(report.violations, null, 2)).toHaveLength(1);
      expect(found[0]).toMatchObject({
        operationId: "searchAuditLogs",
        direction: "response",
        status,
        count: 1,
        // The upstream's request id, or the caller's when the upstream sent none.
        firstRequestId:
          deviation === "missing opc-request-id"
            ? "CALLER1"
            : `UPSTREAM${Object.keys(deviations).indexOf(deviation)}`,
      });
      expect(found[0]?.rule).toMatch(rule);
    },
  );

  it("counts a violation again when it happens again, keeping the first request id", async () => {
    await search(gateway.url, "wrong enum value", "CALLER2");
    const report = await driftReport(gateway.url);
    const wrongEnum = report.violations.find((violation) => violation.location === "body.items[].objectType");
    expect(wrongEnum?.count).toBe(2);
    expect(wrongEnum?.firstRequestId).toBe("UPSTREAM3");
  });

  it("reports a request that breaks the spec, and still forwards it", async () => {
    const response = await fetch(`${gateway.url}${operations.searchAuditLogs}?limit=ten`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sortOrder: "SIDEWAYS" }),
    });
    expect(response.status).toBe(200); // the upstream's answer
    const report = await driftReport(gateway.url);
    const requestSide = report.violations.filter((violation) => violation.direction === "request");
    expect(requestSide.map(({ location }) => location).sort()).toEqual(["body.sortOrder", "query limit"]);
    expect(requestSide.find(({ location }) => location === "query limit")?.rule).toBe("must be integer");
  });

  it("with strict, answers each violating answer with a 502 in the API's Error shape listing the violations", async () => {
    for (const [deviation, , location] of cases) {
      const answer = await search(strictGateway.url, deviation);
      expect(answer.status, deviation).toBe(502);
      const body = JSON.parse(answer.text);
      expect(Object.keys(body).sort()).toEqual(["code", "message"]);
      expect(body.message).toContain(location);
      expect(answer.headers.get("opc-request-id")).toMatch(/\S/);
    }
    expect((await search(strictGateway.url, "none")).status).toBe(200);
  });

  it("records exactly the records it passed on that keep to the spec", async () => {
    const lines = (file: string) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line));
    // The 200 answers passed on, in order: the valid page (2 records), the extra body field (its one record
    // keeps to the spec), the missing opc-request-id (1), the wrong enum value (the first record; the second
    // breaks the spec), the integer eventId (its one record breaks it: none), the wrong enum again (1), and the
    // answer to the request that broke the spec (the valid page: 2). No record of a non-200 answer.
    expect(lines(recordFile)).toEqual([
      firstRecord,
      secondRecord,
      firstRecord,
      firstRecord,
      firstRecord,
      firstRecord,
      firstRecord,
      secondRecord,
    ]);
    // The strict gateway passed on only the valid page.
    expect(lines(strictRecordFile)).toEqual([firstRecord, secondRecord]);
  });
});

describe("upstream failures", () => {
  async function expectBadGateway(url: string, cause: RegExp) {
    const answer = await call(url, "searchAuditLogs");
    expect(answer.status).toBe(502);
    expect(Object.keys(answer.body).sort()).toEqual(["code", "message"]);
    expect(answer.body.message).toMatch(cause);
    expect(answer.headers.get("opc-request-id")).toMatch(/^[0-9A-F]{32}$/);
    const report = await driftReport(url);
    expect(report.upstreamFailures).toEqual([
      expect.objectContaining({
        operationId: "searchAuditLogs",
        count: 1,
        cause: expect.stringMatching(cause),
      }),
    ]);
    expect(report.requests).toBe(1);
  }

  it("connection refused", async () => {
    const closed = createServer();
    const freedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expectBadGateway(
      (await start({ upstream: freedUrl })).url,
      /^.*connecting to 127\.0\.0\.1:\d+: connection refused: nothing listens there \(ECONNREFUSED\)/,
    );
  });

  it("still reports a request that breaks the spec when the upstream cannot be reached", async () => {
    const unreachable = await start({ upstream: silentUrl, upstreamTimeoutMs: 200 });
    const answer = await call(unreachable.url, "searchAuditLogs", { query: "?limit=ten" });
    expect(answer.status).toBe(502);
    const report = await driftReport(unreachable.url);
    expect(report.violations).toEqual([
      expect.objectContaining({
        direction: "request",
        status: null,
        location: "query limit",
        rule: "must be integer",
      }),
    ]);
    expect(report.upstreamFailures).toHaveLength(1);
  });

  it("a TLS error (https to a server that speaks plain HTTP)", async () => {
    await expectBadGateway(
      (await start({ upstream: upstreamUrl.replace("http:", "https:") })).url,
      /TLS handshake with 127\.0\.0\.1:\d+: not TLS there, or no TLS version in common \(EPROTO\)/,
    );
  });

  it("a timeout, with the deadline in the message", async () => {
    await expectBadGateway(
      (await start({ upstream: silentUrl, upstreamTimeoutMs: 300 })).url,
      /timeout: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/,
    );
  });
});
