// What the gateway sends upstream and what it refuses: the base URL's path before the API's, the upstream's
// host, no old signature or compression request, the region's server from the spec, the size limits, and the
// option combinations that are not a gateway.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { UncheckedGatewayOptions } from "../src/gateway/gateway-options.ts";
import { type GatewayOptions, type RunningGateway, startGateway } from "../src/gateway/index.ts";
import type { UncheckedMockOptions } from "../src/options.ts";
import { rawExchange } from "./raw-http.ts";
import { call, operations, startMockUnchecked } from "./support.ts";

/** `startGateway` as a JavaScript caller sees it, without the types: for the run-time checks of bad options. */
const startGatewayUnchecked = startGateway as (
  options: UncheckedGatewayOptions & UncheckedMockOptions,
) => Promise<RunningGateway>;

const seen: { url: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
let answerBytes = 0;
const upstream = createServer((request, response) => {
  let bytes = 0;
  request.on("data", (chunk: Buffer) => {
    bytes += chunk.byteLength;
  });
  request.on("end", () => {
    seen.push({ url: request.url ?? "", headers: request.headers, bytes });
    response.writeHead(200, { "content-type": "application/json", "opc-request-id": "UP1" });
    response.end(answerBytes > 0 ? `{"items":[],"pad":"${"x".repeat(answerBytes)}"}` : '{"items":[]}');
  });
});
upstream.listen(0, "127.0.0.1");
await once(upstream, "listening");
const upstreamHost = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;

const started: RunningGateway[] = [];
afterAll(async () => {
  await Promise.all(started.map((running) => running.stop()));
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});
async function start(options: GatewayOptions): Promise<RunningGateway> {
  const running = await startGateway({ port: 0, auth: "none", ...options });
  started.push(running);
  return running;
}
const gateway = await start({ upstream: `http://${upstreamHost}/api/` });

describe("what the gateway forwards", () => {
  it("puts the base URL's path before the API's, sends the upstream's host, no old signature, no compression", async () => {
    const answer = await call(gateway.url, "searchAuditLogs", {
      query: "?limit=5",
      headers: {
        "accept-encoding": "gzip, br",
        date: "Thu, 01 Jan 1970 00:00:00 GMT",
        "opc-retry-token": "t-1",
      },
    });
    expect(answer.status).toBe(200);
    const forwarded = seen.at(-1);
    expect(forwarded?.url).toBe(`/api${operations.searchAuditLogs}?limit=5`);
    expect(forwarded?.headers.host).toBe(upstreamHost);
    expect(forwarded?.headers.authorization).toBeUndefined(); // support.ts's call signed it; auth "none"
    expect(forwarded?.headers.date).toBeUndefined();
    expect(forwarded?.headers["accept-encoding"]).toBeUndefined();
    expect(forwarded?.headers["opc-retry-token"]).toBe("t-1");
  });

  it("refuses a request body over 1 MiB with a 400, does not forward it, and logs it like any request", async () => {
    const lines: string[] = [];
    const logging = await start({
      upstream: `http://${upstreamHost}/api/`,
      onLog: (line) => lines.push(line),
    });
    const before = seen.length;
    const answer = await call(logging.url, "searchAuditLogs", {
      rawBody: JSON.stringify({ query: "q".repeat(1024 * 1024) }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe("The request body is larger than 1048576 bytes.");
    expect(seen.length).toBe(before);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^POST \S+\/actions\/searchAuditLogs → 400 \(body over 1048576 bytes; not forwarded\) in \d+ ms, 0 violations$/,
      ),
    );
  });

  it("counts an answer over 16 MiB as an upstream failure (502)", async () => {
    answerBytes = 16 * 1024 * 1024;
    try {
      const answer = await call(gateway.url, "searchAuditLogs");
      expect(answer.status).toBe(502);
      expect(answer.body.message).toContain("answer too large: http://127.0.0.1");
      expect(answer.body.message).toContain("sent more than 16777216 bytes");
    } finally {
      answerBytes = 0;
    }
  });

  it("passes on an answer with a trailer header, refuses a status outside 100-599 with a 502, and counts a body nested thousands deep", async () => {
    // An upstream written byte by byte: what node:http would not send itself.
    const deep = `{"items":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const odd = createTcpServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", (request) => {
        const kind = /x-odd: (\w+)/.exec(request.toString())?.[1];
        const head = (status: string, length: number, extra = "") =>
          `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\nopc-request-id: ODD\r\n${extra}content-length: ${length}\r\n\r\n`;
        if (kind === "trailer") socket.end(`${head("200 OK", 12, "trailer: x-t\r\n")}{"items":[]}`);
        else if (kind === "status") socket.end(`${head("099 Weird", 12)}{"items":[]}`);
        else socket.end(`${head("200 OK", deep.length)}${deep}`);
      });
    });
    odd.listen(0, "127.0.0.1");
    await once(odd, "listening");
    try {
      const oddGateway = await start({ upstream: `http://127.0.0.1:${(odd.address() as AddressInfo).port}` });
      const trailer = await call(oddGateway.url, "searchAuditLogs", { headers: { "x-odd": "trailer" } });
      expect([trailer.status, trailer.headers.get("trailer")]).toEqual([200, null]);
      const status = await call(oddGateway.url, "searchAuditLogs", { headers: { "x-odd": "status" } });
      expect(status.status).toBe(502);
      expect(status.body.message).toContain("answered 99, not an HTTP status (100 to 599)");
      const nested = await call(oddGateway.url, "searchAuditLogs", { headers: { "x-odd": "deep" } });
      expect(nested.status).toBe(200);
      expect(oddGateway.driftReport().violations).toContainEqual(
        expect.objectContaining({ rule: "must not nest objects and arrays deeper than 64 levels" }),
      );
    } finally {
      odd.close();
    }
  });

  it("answers what Node's parser refuses in the API's Error shape, as the mock does, and forwards nothing", async () => {
    const before = seen.length;
    const answer = await rawExchange(
      gateway.url,
      `FOO ${operations.searchAuditLogs} HTTP/1.1\r\nhost: x\r\n\r\n`,
    );
    expect(answer.status).toBe(405);
    expect(Object.keys(JSON.parse(answer.body)).sort()).toEqual(["code", "message"]);
    expect(answer.headers["opc-request-id"]).toMatch(/^[0-9A-F]{32}$/);
    expect(seen.length).toBe(before);
  });

  it("reads a zero-length search body as {} (as Oracle's SDK sends it), and reports what Prism cannot read", async () => {
    const reporting = await start({ upstream: `http://${upstreamHost}` });
    const empty = await call(reporting.url, "searchAuditLogs", { rawBody: "" });
    expect(empty.status).toBe(200);
    expect(reporting.driftReport().violations).toEqual([]);

    const unreadable = await call(reporting.url, "searchAuditLogs", {
      headers: { "content-type": "application/json, text/plain" },
    });
    expect(unreadable.status).toBe(200); // forwarded all the same
    expect(reporting.driftReport().violations).toEqual([
      expect.objectContaining({
        direction: "request",
        location: "request",
        rule: expect.stringMatching(/^could not be read: /),
      }),
    ]);
  });

  it("sends a request again on a new connection when the kept-alive one was closed by the upstream", async () => {
    // Answers the first request of each connection and keeps it open; resets the connection at the second.
    let connections = 0;
    const sockets = new Set<Socket>();
    const closing = createTcpServer((socket) => {
      connections += 1;
      sockets.add(socket);
      let received = "";
      socket.on("data", (chunk: Buffer) => {
        const before = received.split(" HTTP/1.1\r\n").length;
        received += chunk.toString("latin1");
        const requests = received.split(" HTTP/1.1\r\n").length - 1;
        if (requests === 1 && before === 1) {
          const body = '{"items":[]}';
          socket.write(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nopc-request-id: K${connections}\r\n` +
              `content-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`,
          );
        } else if (requests > 1) {
          socket.resetAndDestroy();
        }
      });
      socket.on("error", () => {});
    });
    closing.listen(0, "127.0.0.1");
    await once(closing, "listening");
    try {
      const keptAlive = await start({
        upstream: `http://127.0.0.1:${(closing.address() as AddressInfo).port}`,
      });
      const first = await call(keptAlive.url, "searchAuditLogs");
      const second = await call(keptAlive.url, "searchAuditLogs");
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.headers.get("opc-request-id")).toBe("K2"); // answered on a second connection
      expect(keptAlive.driftReport().upstreamFailures).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => closing.close(resolve));
    }
  });

  it.each([
    ["eu-frankfurt-1", "https://datalake.eu-frankfurt-1.oci.oraclecloud.com"],
    ["eu-frankfurt-2", "https://datalake.eu-frankfurt-2.oci.oraclecloud.eu"],
    ["uk-gov-london-1", "https://datalake.uk-gov-london-1.oci.oraclegovcloud.uk"],
    ["STR", "https://datalake.eu-frankfurt-2.oci.oraclecloud.eu"],
  ])(
    "fills the spec's server template with upstreamRegion %s in its realm",
    async (upstreamRegion, upstream) => {
      const regional = await start({ upstreamRegion });
      expect(regional.driftReport().upstream).toBe(upstream);
    },
  );
});

describe("options that do not make a gateway", () => {
  it.each<[UncheckedGatewayOptions & UncheckedMockOptions, string]>([
    [{ upstream: "http://127.0.0.1:1", static: true }, 'options "upstream" and "static" exclude each other'],
    [
      { upstreamRegion: "us-ashburn-1", dynamic: true },
      'options "upstreamRegion" and "dynamic" exclude each other',
    ],
    [
      { upstream: "http://127.0.0.1:1", verifySignatures: "keys" },
      'options "upstream" and "verifySignatures" exclude',
    ],
    [
      { upstream: "http://127.0.0.1:1", exportReadyAfterMs: 10 },
      'options "upstream" and "exportReadyAfterMs" exclude each other',
    ],
    [
      { upstream: "http://127.0.0.1:1", upstreamRegion: "us-ashburn-1" },
      'options "upstream" and "upstreamRegion" exclude each other',
    ],
    [{ upstream: "ftp://example.test" }, 'option "upstream" must be an http: or https: URL, got ftp:'],
    [{ upstream: "not a url" }, 'option "upstream" must be an absolute http(s) URL, got "not a url"'],
    [{ upstream: "https://example.test/?x=1" }, 'option "upstream" must be a base URL without query'],
    [
      { upstreamRegion: "US Ashburn" },
      'option "upstreamRegion" must be an OCI region identifier such as us-ashburn-1',
    ],
    [
      { upstream: "http://127.0.0.1:1", upstreamTimeoutMs: 0 },
      'option "upstreamTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got 0',
    ],
    [
      { upstream: "http://127.0.0.1:1", upstreamTimeoutMs: 2 ** 31 },
      'option "upstreamTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got 2147483648',
    ],
    // A string (from an environment variable, say) would be added to Date.now() as text: every wait 1 ms.
    [
      { upstream: "http://127.0.0.1:1", upstreamTimeoutMs: "5000" as unknown as number },
      'option "upstreamTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got 5000',
    ],
    [
      { upstream: "http://127.0.0.1:1", report: "same", record: "same" },
      'options "report" and "record" must name different files',
    ],
    [{ report: "drift.json" }, 'the gateway needs "upstream" (a service URL) or "upstreamRegion"'],
    [{ upstream: "http://127.0.0.1:1", port: 70000 }, 'option "port" must be an integer from 0 to 65535'],
  ])("%j is refused by startGateway", async (options, message) => {
    await expect(startGatewayUnchecked({ port: 0, ...options })).rejects.toThrow(message);
  });

  it.each<[UncheckedGatewayOptions, string]>([
    [
      { upstream: "http://127.0.0.1:1" },
      'option "upstream" belongs to the gateway: startGateway of "@aidp/mock/gateway"',
    ],
    [{ strict: true }, 'option "strict" belongs to the gateway'],
  ])("%j is refused by startMock", async (options, message) => {
    await expect(startMockUnchecked({ port: 0, ...(options as UncheckedMockOptions) })).rejects.toThrow(
      message,
    );
  });
});
