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
/** A line over 38 kB (the log text's budget) after two short ones. */
const LONG_LINE = `ERROR ${"abcd ".repeat(10_000)}`;
/** A pre-authenticated URL whose token the cut at 9,500 characters falls in the middle of. */
const URL_AT_CUT = `https://objectstorage.us-ashburn-1.oraclecloud.com/p/${"T".repeat(41)}/n/ns/b/logs/o/x.log`;
const SECRET_AT_CUT_LINE = `${"w ".repeat(4_710)}${URL_AT_CUT} and more`;
/** Lines on which `(a+)+$` backtracks about 2^28 steps each in JavaScript's RegExp (17 s a line here). */
const BACKTRACKING_LINE = `${"a".repeat(28)}!`;
/** The logs of special clusters, by cluster key (the refused one answers 403). */
const LOGS = {
  refused: "",
  "long-line": `first\nsecond\n${LONG_LINE}\n`,
  "secret-at-cut": `${SECRET_AT_CUT_LINE}\n`,
  crlf: "one\r\ntwo\r\n",
  backtracking: `${BACKTRACKING_LINE}\n`.repeat(3).concat("aaa\n"),
};
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

/** The logHandle of an export of the stand-in service's cluster `clusterKey`. */
async function logHandleOf(clusterKey: string): Promise<string> {
  const started = await startExport(clusterKey);
  return (started.structuredContent as { logHandle: string }).logHandle;
}

/** read_cluster_log's structured content for the lines of cluster `clusterKey`'s log that `grep` matches. */
async function grepOf(clusterKey: string, grep: string): Promise<unknown> {
  const logHandle = await logHandleOf(clusterKey);
  return (await session.callTool("read_cluster_log", { logHandle, waitSeconds: 20, grep })).structuredContent;
}

scanForSecretsAfterAll();
beforeAll(async () => {
  let logRequests = 0;
  service = await startTestServer((request, response) => {
    const url = new URL(request.url, "http://service");
    // The log file is named after the cluster: LOGS has the special ones; any other is LOG.
    const cluster = /\/clusters\/([^/]+)\//.exec(request.url)?.[1];
    const parUrl = `${service.url}/p/${PAR_TOKEN}/n/ns/b/logs/o/${cluster !== undefined && cluster in LOGS ? cluster : "driver"}.log`;
    plantedSecrets.add(parUrl);
    // An export whose answer holds a log file URL that is not http(s): nothing to wait for, and still a secret.
    const notHttpUrl = parUrl.replace(/^http/, "ftp");
    plantedSecrets.add(notHttpUrl);
    if (url.pathname.endsWith("/actions/searchAuditLogs")) {
      const details = JSON.parse(request.body) as { query?: string };
      if (details.query === "secret-at-cut-error")
        return sendJson(
          response,
          400,
          { code: "InvalidParameter", message: `${"m".repeat(1_930)} ${parUrl} ${"m".repeat(500)}` },
          { "opc-request-id": "LONG0000000000000000000000000002" },
        );
      if (details.query === "long-error")
        return sendJson(
          response,
          400,
          { code: "InvalidParameter", message: "m ".repeat(100_000) },
          { "opc-request-id": "LONG0000000000000000000000000001" },
        );
      if (details.query === "html-200") {
        response.writeHead(200, {
          "content-type": "text/html",
          "opc-request-id": "HTML0000000000000000000000000001",
        });
        return void response.end("<html>Sign in</html>");
      }
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
      const name = /\/o\/([^/]+)\.log$/.exec(url.pathname)?.[1] ?? "";
      return void response.end(Object.hasOwn(LOGS, name) ? LOGS[name as keyof typeof LOGS] : LOG);
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
    const logHandle = await logHandleOf("c");
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
      "grep: a regular expression in RE2 syntax, as Go's regexp: no lookaround or backreferences, \\x{e9} for \\u00e9; here: missing closing ): `(`",
    );
    const lookbehind = await session.callTool("read_cluster_log", { logHandle, grep: "(?<=a)b" });
    expect(lookbehind.content[0]?.text).toContain("here: lookahead and lookbehind are not supported");
    // Linear in the line, but its time grows with the compiled pattern: 3,998 instructions, 170 ms a long line.
    const costly = await session.callTool("read_cluster_log", { logHandle, grep: "(?:a|aa){999}" });
    expect(costly.isError).toBe(true);
    expect(costly.content[0]?.text).toContain(
      "grep: a pattern of at most 500 RE2 instructions (this one compiles to 3998; matching time grows with it) (rule `complexity`)",
    );
  });

  it("a line longer than the answer's budget is cut to its start, marked, and the lines before it still come", async () => {
    const logHandle = await logHandleOf("long-line");
    const cutLine = `${LONG_LINE.slice(0, 9_500)} [${LONG_LINE.length - 9_500} more bytes of this line left out]`;
    for (const [selection, text] of [
      [{}, `first\nsecond\n${cutLine}`],
      [{ grep: "ERROR" }, cutLine],
      [{ tailLines: 1 }, cutLine],
    ] as const) {
      const result = await session.callTool("read_cluster_log", { logHandle, waitSeconds: 20, ...selection });
      expect(wholeResultBytes(result)).toBeLessThan(MAX_RESULT_BYTES);
      expect(result.structuredContent).toMatchObject({ status: "READY", lines: 3, truncated: false, text });
    }
  });

  it("a cut never leaves part of a secret: it falls on a space, and a message is redacted before it is cut", async () => {
    const logHandle = await logHandleOf("secret-at-cut");
    const log = await session.callTool("read_cluster_log", { logHandle, waitSeconds: 20 });
    expect(log.structuredContent).toMatchObject({ status: "READY", lines: 1 });
    expect(JSON.stringify(log)).not.toContain("TTTTTTTTTT");
    expect((log.structuredContent as { text: string }).text).toBe(
      `${"w ".repeat(4_710).trimEnd()} [${SECRET_AT_CUT_LINE.length - 9_419} more bytes of this line left out]`,
    );
    const error = await session.callTool("search_audit_logs", { query: "secret-at-cut-error" });
    expect(error.isError).toBe(true);
    expect(JSON.stringify(error)).not.toContain(PAR_TOKEN.slice(0, 10));
  });

  it("a CRLF log's lines end before their \\r: grep's $ matches there", async () => {
    expect(await grepOf("crlf", "one$")).toMatchObject({
      status: "READY",
      lines: 2,
      returnedLines: 1,
      text: "one",
    });
  });

  it("grep runs in time linear in the line: a pattern that backtracks for ever in JavaScript answers at once", async () => {
    // With JavaScript's RegExp the three lines take about 50 s of CPU, the event loop blocked all that time.
    expect(await grepOf("backtracking", "(a+)+$")).toMatchObject({
      status: "READY",
      lines: 4,
      returnedLines: 1,
      text: "aaa",
    });
  }, 20_000);
});

describe("an API error stays one an agent can act on", () => {
  it("a message of 200,000 characters is cut, its status, code and request id kept", async () => {
    const result = await session.callTool("search_audit_logs", { query: "long-error" });
    expect(result.isError).toBe(true);
    expect(wholeResultBytes(result)).toBeLessThan(MAX_RESULT_BYTES);
    expect(result.structuredContent).toEqual({
      error: {
        kind: "api",
        status: 400,
        code: "InvalidParameter",
        message: `${"m ".repeat(1_000).trimEnd()} [198001 more characters left out]`,
        requestId: "LONG0000000000000000000000000001",
      },
    });
  });

  it("an answer that is no JSON says its status and code once", async () => {
    const result = await session.callTool("search_audit_logs", { query: "html-200" });
    expect(result.isError).toBe(true);
    const text = result.content[0]?.text ?? "";
    expect(text).toMatch(/^search_audit_logs failed: searchAuditLogs failed with 200 HttpError200/);
    expect(text.split("HttpError200")).toHaveLength(2);
    expect(text).toContain("(opc-request-id HTML0000000000000000000000000001)");
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
    const logHandle = await logHandleOf("refused");
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
