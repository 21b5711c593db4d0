// What the mock cannot produce, from a local node:http server standing in for the service: pages and logs too
// large for one answer, and error texts that echo secrets. Every result stays under 100 kB, says when it was cut
// and how to go on, and nothing secret gets through.
import { sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redactor } from "../src/redaction.ts";
import { MAX_RESULT_BYTES } from "../src/result-size.ts";
import { INSTANCE_ID, scanForSecretsAfterAll } from "./support/scenarios.ts";
import { inProcessSession, type McpSession, type ToolResult } from "./support/sessions.ts";
import { plantedSecrets, secretsIn } from "./support/transcript.ts";

const TOTAL = 300;
const PAYLOAD = "x".repeat(2_000);
const LOG_LINES = 5_000;
const LOG = Array.from(
  { length: LOG_LINES },
  (_, i) => `2025-03-16T00:00:00Z INFO line ${i + 1} ${i % 100 === 0 ? "ERROR boom" : "fine"}`,
)
  .join("\n")
  .concat("\n");
const PAR_TOKEN = "Xq3vN8kLr2TzB7mYwP4cJ1dHs6Fg0aUeK9oVi5RtQ";
const SIGNATURE_TEXT =
  'Authorization: Signature version="1",keyId="ST$eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",signature="c2VjcmV0LXNpZ25hdHVyZQ=="';

let service: TestServer;
let session: McpSession;
const wholeResultBytes = (result: ToolResult) => Buffer.byteLength(JSON.stringify(result));
/** download_cluster_logs for one cluster of the stand-in service, whose key says how its export answers. */
const startExport = (clusterKey: string) =>
  session.callTool("download_cluster_logs", {
    workspaceKey: "w",
    clusterKey,
    logContentTypeContains: "driver",
    timeBegin: "1d",
    timeEnd: "0s",
  });

scanForSecretsAfterAll();
beforeAll(async () => {
  let logRequests = 0;
  service = await startTestServer((request, response) => {
    const url = new URL(request.url, "http://service");
    const refused = request.url.includes("/clusters/refused/");
    const parUrl = `${service.url}/p/${PAR_TOKEN}/n/ns/b/logs/o/${refused ? "refused" : "driver"}.log`;
    plantedSecrets.add(parUrl);
    // An export whose answer holds a log file URL that is not http(s): nothing to wait for, and still a secret.
    const notHttpUrl = parUrl.replace(/^http/, "ftp");
    plantedSecrets.add(notHttpUrl);
    if (url.pathname.endsWith("/actions/searchAuditLogs")) {
      const details = JSON.parse(request.body) as { query?: string };
      if (details.query === "echo-secrets")
        return sendJson(
          response,
          400,
          { code: "InvalidParameter", message: `query rejected for ${parUrl}; ${SIGNATURE_TEXT}` },
          { "opc-request-id": "ECHO0000000000000000000000000001" },
        );
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const offset = Number(url.searchParams.get("page")?.replace(/^o/, "") ?? 0);
      const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => ({
        eventId: `event-${offset + i}`,
        status: "SUCCEEDED",
        payload: PAYLOAD,
      }));
      const next: Record<string, string> =
        offset + items.length < TOTAL ? { "opc-next-page": `o${offset + items.length}` } : {};
      return sendJson(
        response,
        200,
        { items },
        { "opc-request-id": "PAGE0000000000000000000000000001", ...next },
      );
    }
    if (url.pathname.endsWith("/actions/downloadLogs")) {
      response.writeHead(202, {
        "aidp-async-operation-key": "op-1",
        "datalake-cluster-log-par-url": request.url.includes("/clusters/not-http/") ? notHttpUrl : parUrl,
        "opc-request-id": "DOWN0000000000000000000000000001",
      });
      return void response.end();
    }
    if (url.pathname.startsWith("/p/")) {
      logRequests++;
      if (request.headers["x-refuse"] || url.pathname.includes("refused"))
        return void response.writeHead(403).end(`forbidden: ${parUrl}`);
      if (logRequests === 1) return void response.writeHead(404).end();
      response.writeHead(200, { "content-type": "text/plain" });
      return void response.end(LOG);
    }
    response.writeHead(500).end();
  });
  session = await inProcessSession("sdk1", { endpoint: service.url, instanceId: INSTANCE_ID });
});
afterAll(async () => {
  await session?.close();
  await service?.close();
});

describe("results stay under 100 kB", () => {
  it("a page too large is cut to the records that fit, and nextPage continues right after them: every record once", async () => {
    const seen: string[] = [];
    let page: string | undefined;
    let cut = 0;
    for (let calls = 0; calls < 40; calls++) {
      const result = await session.callTool("search_audit_logs", { limit: 1000, ...(page ? { page } : {}) });
      expect(wholeResultBytes(result)).toBeLessThan(MAX_RESULT_BYTES);
      const structured = result.structuredContent as {
        items: { eventId: string }[];
        nextPage: string | null;
        truncated?: boolean;
      };
      if (structured.truncated) {
        cut++;
        expect(result.content[0]?.text).toMatch(/cut from the 1000 asked for/);
      }
      seen.push(...structured.items.map((item) => item.eventId));
      page = structured.nextPage ?? undefined;
      if (!page) break;
    }
    expect(cut).toBeGreaterThan(0);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => `event-${i}`));
    // The cut page was asked again for fewer records, so that the service's own token continues after them.
    const limits = service.requests
      .filter((r) => r.url.includes("searchAuditLogs"))
      .map((r) => Number(new URL(r.url, "http://s").searchParams.get("limit")));
    expect(limits[0]).toBe(1000);
    expect(limits[1]).toBeLessThan(1000);
  });

  it("a large log is READY with its size and line count, the last lines that fit, and truncated: true", async () => {
    const started = await startExport("c");
    const { logHandle } = started.structuredContent as { logHandle: string };
    const result = await session.callTool("read_cluster_log", { logHandle, waitSeconds: 20 });
    expect(wholeResultBytes(result)).toBeLessThan(MAX_RESULT_BYTES);
    const log = result.structuredContent as {
      status: string;
      bytes: number;
      lines: number;
      truncated: boolean;
      text: string;
      returnedLines: number;
    };
    expect(log).toMatchObject({
      status: "READY",
      bytes: Buffer.byteLength(LOG),
      lines: LOG_LINES,
      truncated: true,
    });
    expect(log.text.endsWith(`line ${LOG_LINES} fine`)).toBe(true);
    expect(LOG.endsWith(`${log.text}\n`)).toBe(true);
    const errors = await session.callTool("read_cluster_log", { logHandle, grep: "ERROR", waitSeconds: 0 });
    expect(errors.structuredContent as { returnedLines: number; truncated: boolean }).toMatchObject({
      returnedLines: LOG_LINES / 100,
      truncated: false,
    });
    const badPattern = await session.callTool("read_cluster_log", { logHandle, grep: "(" });
    expect(badPattern.isError).toBe(true);
    expect(badPattern.content[0]?.text).toContain(
      "grep: a valid JavaScript regular expression (rule `regular-expression`)",
    );
  });
});

describe("nothing secret reaches the model", () => {
  it("an API error echoing the log URL and a signature is redacted, its code and request id kept", async () => {
    const result = await session.callTool("search_audit_logs", { query: "echo-secrets" });
    expect(result.isError).toBe(true);
    const text = result.content[0]?.text ?? "";
    expect(text).toContain("400 InvalidParameter");
    expect(text).toContain("opc-request-id ECHO0000000000000000000000000001");
    expect(text).toMatch(/query rejected for \[redacted[^\]]*\]; authorization: \[redacted\]/);
    expect(JSON.stringify(result)).not.toContain(PAR_TOKEN);
    expect(JSON.stringify(result)).not.toContain("c2VjcmV0LXNpZ25hdHVyZQ");
    expect(JSON.stringify(result)).not.toContain("eyJhbGciOiJSUzI1NiJ9");
  });

  it("a log URL that answers 403 is an isError result that says so, without the URL", async () => {
    const started = await startExport("refused");
    const { logHandle } = started.structuredContent as { logHandle: string };
    const result = await session.callTool("read_cluster_log", { logHandle, waitSeconds: 5 });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe(
      "read_cluster_log failed: the log file's PAR URL answered 403 Forbidden (the URL may have expired)",
    );
    expect(result.structuredContent).toEqual({
      error: {
        kind: "LogFileError",
        message: "the log file's PAR URL answered 403 Forbidden (the URL may have expired)",
      },
    });
  });

  it("an export whose log file URL is not http(s) is an isError result with its key, without the URL", async () => {
    const result = await startExport("not-http");
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe(
      "download_cluster_logs failed: the service accepted the export (opc-request-id DOWN0000000000000000000000000001) but its answer has a log file URL that is not an http(s) URL; follow it with its async operation key op-1",
    );
    expect(JSON.stringify(result)).not.toContain(PAR_TOKEN);
  });

  it("the scan finds a planted secret: a PAR URL, a private key, a signature (so a pass means something)", () => {
    const parUrl = `https://objectstorage.example.com/p/${PAR_TOKEN}/n/ns/b/b/o/x.log`;
    expect(secretsIn([`result: the log is at ${parUrl}`], [])).toHaveLength(1);
    expect(secretsIn(["-----BEGIN PRIVATE KEY-----\nMIIE"], [])).toHaveLength(1);
    expect(secretsIn([SIGNATURE_TEXT], [])).not.toHaveLength(0);
    expect(secretsIn(["a value the test handed out: s3cr3t-passphrase"], ["s3cr3t-passphrase"])).toHaveLength(
      1,
    );
    const redactor = new Redactor();
    redactor.add("s3cr3t-passphrase");
    expect(
      secretsIn(
        [
          redactor.text(
            `${parUrl} ${SIGNATURE_TEXT} s3cr3t-passphrase -----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----`,
          ),
        ],
        ["s3cr3t-passphrase"],
      ),
    ).toEqual([]);
  });
});
