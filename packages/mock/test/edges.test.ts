// The edges of issue 19: every input, however odd, gets an answer in the API's shape (a status the operation
// declares, or 404/405, the Error body and an opc-request-id), and inputs are read as the spec says.
import { once } from "node:events";
import { connect } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { startMock } from "../src/index.ts";
import { type RawAnswer, rawExchange } from "./raw-http.ts";
import { call, operations, requestIdPattern, schemaErrors, useStatefulMock, validBodies } from "./support.ts";

const mock = useStatefulMock();
const host = () => new URL(mock.url).host;

function expectErrorAnswer(answer: RawAnswer, status: number) {
  expect(answer.status, answer.body).toBe(status);
  expect(schemaErrors("Error", JSON.parse(answer.body))).toBe("");
  expect(answer.headers["opc-request-id"]).toMatch(requestIdPattern);
  expect(answer.headers["content-type"]).toBe("application/json");
}

describe("what Node's HTTP parser refuses is answered in the API's shape", () => {
  it.each([
    ["an unknown method FOO", 405, `FOO ${operations.searchAuditLogs} HTTP/1.1\r\nhost: H\r\n\r\n`],
    [
      "headers over 16 KB",
      431,
      `POST ${operations.searchAuditLogs} HTTP/1.1\r\nhost: H\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`,
    ],
    [
      "a duplicate Content-Length",
      400,
      `POST ${operations.searchAuditLogs} HTTP/1.1\r\nhost: H\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}`,
    ],
    ["CONNECT", 405, "CONNECT example.test:443 HTTP/1.1\r\nhost: example.test:443\r\n\r\n"],
    ["a request line that is not HTTP (read as an unknown method)", 405, "hello\r\n\r\n"],
    ["an unknown HTTP version", 400, `POST ${operations.searchAuditLogs} HTTP/7.5\r\nhost: H\r\n\r\n`],
  ])("%s gets %i with the Error body and an opc-request-id", async (_name, status, request) => {
    const answer = await rawExchange(mock.url, request.replaceAll("host: H", `host: ${host()}`));
    expectErrorAnswer(answer, status);
    expect((await call(mock.url, "searchAuditLogs")).status).toBe(200); // and the mock serves on
  });
});

describe("inputs Prism cannot read get a 400 naming the input", () => {
  it("a malformed percent-escape in a path parameter", async () => {
    const response = await fetch(`${mock.url}/20260430/aiDataPlatforms/x%zz/actions/searchAuditLogs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain(
      "path parameter aiDataPlatformId has a malformed percent-escape",
    );
    expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
  });

  it("a content-type that is a list of media types", async () => {
    const response = await call(mock.url, "searchAuditLogs", {
      headers: { "content-type": "application/json, text/plain" },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Invalid request: header content-type must be one media type such as application/json, got "application/json, text/plain".',
    );
  });

  it("an HTTP/1.1 request without a Host header is answered as any other (Node would send a bare 400)", async () => {
    const answer = await rawExchange(
      mock.url,
      `POST ${operations.searchAuditLogs}?limit=1 HTTP/1.1\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["opc-request-id"]).toMatch(requestIdPattern);
  });

  it("a caller that closes its connection mid-body is logged as such, not as a bug of the mock", async () => {
    const lines: string[] = [];
    const own = await startMock({ port: 0, onLog: (line) => lines.push(line) });
    try {
      const { port } = new URL(own.url);
      const socket = connect(Number(port), "127.0.0.1");
      await once(socket, "connect");
      // The headers and 9 of the 100 bytes, then the end: TCP delivers the bytes before the close.
      await new Promise((written) =>
        socket.write(
          `POST ${operations.searchAuditLogs} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":`,
          written,
        ),
      );
      socket.destroy();
      await vi.waitFor(
        () =>
          expect(lines).toContainEqual(
            expect.stringContaining("the caller closed the connection before its body's end"),
          ),
        { timeout: 5_000 },
      );
      expect(lines.filter((line) => line.startsWith("aidp-mock bug"))).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  it("a request target that is not a path", async () => {
    const answer = await rawExchange(
      mock.url,
      `OPTIONS * HTTP/1.1\r\nhost: ${host()}\r\nconnection: close\r\n\r\n`,
    );
    expectErrorAnswer(answer, 400);
  });
});

describe("lone surrogates (valid JSON) in string fields", () => {
  it("DownloadClusterLogs: 202, and the log file is served", async () => {
    const body = {
      ...validBodies.downloadClusterLogs,
      logContentTypeContains: "driver\ud800",
      thread: "\udc00",
    };
    const response = await call(mock.url, "downloadClusterLogs", { body });
    expect(response.status).toBe(202);
    const log = await fetch(response.headers.get("datalake-cluster-log-par-url") as string);
    expect(log.status).toBe(200);
    expect(await log.text()).toContain("driver\ufffd");
  });

  it("SearchAuditLogs: 200", async () => {
    const response = await call(mock.url, "searchAuditLogs", { body: { query: "\ud800" } });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});

describe("limit is an integer within the spec's bounds, strictly", () => {
  it.each(["", "0x10", "010", "1e3", "1.0", "+5", " 5", "5 "])("?limit=%j gets a 400", async (limit) => {
    const response = await call(mock.url, "searchAuditLogs", {
      query: `?limit=${encodeURIComponent(limit)}`,
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      `Invalid request: query parameter limit must be an integer written in decimal digits, got ${JSON.stringify(limit)}.`,
    );
  });

  it("a limit given twice gets a 400", async () => {
    const response = await call(mock.url, "searchAuditLogs", { query: "?limit=5&limit=6" });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("query parameter limit must be given once");
  });

  it("?limit=10 is ten records", async () => {
    const response = await call(mock.url, "searchAuditLogs", { query: "?limit=10", body: {} });
    expect(response.body.items).toHaveLength(10);
  });
});

describe("an empty value breaks minLength", () => {
  it.each<[string, Parameters<typeof call>[2]]>([
    ["header opc-retry-token", { headers: { "opc-retry-token": "" } }],
    ["query parameter page", { query: "?page=" }],
  ])("an empty %s gets a 400", async (field, options) => {
    const response = await call(mock.url, "searchAuditLogs", options);
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      `Invalid request: ${field} must be at least 1 character long (it is empty).`,
    );
  });
});

describe("x-aidp-not-after: timeBegin may not be after timeEnd (the client's own rule)", () => {
  const backwards = { timeBegin: "2025-03-16T00:00:00Z", timeEnd: "2025-03-15T00:00:00Z" };
  it.each(["searchAuditLogs", "downloadClusterLogs"] as const)("%s gets a 400", async (operation) => {
    const response = await call(mock.url, operation, { body: { ...validBodies[operation], ...backwards } });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Invalid request: body field timeBegin must be not after timeEnd (2025-03-15T00:00:00Z), got "2025-03-16T00:00:00Z".',
    );
  });

  it("timeBegin equal to timeEnd is allowed", async () => {
    const same = { timeBegin: "2025-03-16T00:00:00Z", timeEnd: "2025-03-16T00:00:00Z" };
    expect((await call(mock.url, "searchAuditLogs", { body: same })).status).toBe(200);
  });
});

describe("path parameters come from the route template", () => {
  it.each([
    ["a platform id literally 'clusters'", "clusters", "ws-1"],
    ["a workspace key literally 'clusters'", "ocid1.x", "clusters"],
  ])("%s: the cluster key is still the cluster's", async (_name, platform, workspace) => {
    const path = `/20260430/aiDataPlatforms/${platform}/workspaces/${workspace}/clusters/cl%2F7/actions/downloadLogs`;
    const response = await fetch(`${mock.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validBodies.downloadClusterLogs),
    });
    expect(response.status).toBe(202);
    const parUrl = response.headers.get("datalake-cluster-log-par-url") as string;
    // One folder per path parameter, in the template's order: the cluster's is the third, whatever the others say.
    expect(new URL(parUrl).pathname).toContain(`/o/${platform}/${workspace}/cl%2F7/`);
    const firstLine = (await (await fetch(parUrl)).text()).split("\n")[0];
    expect(firstLine).toContain(`aiDataPlatformId=${platform} workspaceKey=${workspace} clusterKey=cl/7,`);
  });
});

describe("page tokens cannot be forged", () => {
  async function firstToken(): Promise<string> {
    const first = await call(mock.url, "searchAuditLogs", { query: "?limit=5", body: {} });
    return first.headers.get("opc-next-page") as string;
  }

  it.each([
    ["a character appended", (token: string) => `${token}A`],
    ["a character changed", (token: string) => `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`],
    ["its offset changed", (token: string) => token.replace(/^(\w+)\.(\w+)\./, "$1.zz.")],
    ["made up", () => "eyJvZmZzZXQiOjUwfQ"],
  ])("a token with %s gets a 400", async (_name, edit) => {
    const token = await firstToken();
    const forged = edit(token);
    expect(forged).not.toBe(token);
    const response = await call(mock.url, "searchAuditLogs", { query: `?limit=5&page=${forged}`, body: {} });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe("query parameter page is not a page token this mock issued.");
  });

  it("a token issued by another mock (same data set, same query) gets a 400", async () => {
    const other = await startMock({ port: 0 });
    try {
      const first = await call(other.url, "searchAuditLogs", { query: "?limit=5", body: {} });
      const token = first.headers.get("opc-next-page") as string;
      const response = await call(mock.url, "searchAuditLogs", { query: `?limit=5&page=${token}`, body: {} });
      expect(response.status).toBe(400);
      expect(response.body.message).toBe("query parameter page is not a page token this mock issued.");
    } finally {
      await other.stop();
    }
  });

  it("tokens are URL-safe: oci-common sends query values without percent-encoding", async () => {
    let page: string | null = null;
    for (let i = 0; i < 20; i++) {
      const query: string = page ? `?limit=3&page=${page}` : "?limit=3";
      const response = await call(mock.url, "searchAuditLogs", { query, body: { sortBy: "objectName" } });
      page = response.headers.get("opc-next-page");
      expect(page).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });
});

describe("bodies: the limit is enforced while reading, and some requests read none", () => {
  it("a Content-Length over 1 MiB gets a 400 before the body is sent", async () => {
    const answer = await rawExchange(
      mock.url,
      `POST ${operations.searchAuditLogs} HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ncontent-length: ${2 * 1024 * 1024}\r\n\r\n{`,
    );
    expectErrorAnswer(answer, 400);
    expect(JSON.parse(answer.body).message).toBe(
      "The request body is larger than 1048576 bytes (1 MiB), the most the mock reads.",
    );
  });

  it("a chunked body is refused at the cap, without reading the rest", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const head = `POST ${operations.searchAuditLogs} HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
    // 17 chunks of 64 KiB: just over the cap, and the final chunk never comes.
    const body = Array.from({ length: 17 }, () =>
      Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
    );
    const answer = await rawExchange(mock.url, Buffer.concat([Buffer.from(head), ...body]));
    expectErrorAnswer(answer, 400);
  });

  it.each([
    ["a PAR URL GET", "GET /p/unknown-token/n/aidp-mock/b/cluster-logs/o/x HTTP/1.1", 404],
    ["an OPTIONS request", `OPTIONS ${operations.searchAuditLogs} HTTP/1.1`, 405],
    ["a request with no route", "POST /20260430/nothing HTTP/1.1", 404],
  ])("%s is answered without waiting for a body it announces", async (_name, line, status) => {
    // The body never comes: a mock that read it would never answer.
    const answer = await rawExchange(mock.url, `${line}\r\nhost: ${host()}\r\ncontent-length: 1000\r\n\r\n`);
    expectErrorAnswer(answer, status);
  });

  it("a CORS preflight is answered without waiting for a body it announces", async () => {
    const answer = await rawExchange(
      mock.url,
      `OPTIONS ${operations.searchAuditLogs} HTTP/1.1\r\nhost: ${host()}\r\norigin: http://app.example.test\r\naccess-control-request-method: POST\r\ncontent-length: 1000\r\n\r\n`,
    );
    expect(answer.status).toBe(204);
    expect(answer.headers["opc-request-id"]).toMatch(requestIdPattern);
  });
});
