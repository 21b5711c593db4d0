// The request-target rule of the server skeleton both servers use: only a path such as /20260430/... is a request.
// `//host/path` (which URL parsing reads as a host), `*` and an absolute URL get the same 400 in the API's shape
// from the mock and from the gateway; the gateway forwards none of them.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startGateway } from "../src/gateway/index.ts";
import { startMock } from "../src/index.ts";
import { rawExchange } from "./raw-http.ts";
import { operations, requestIdPattern, schemaErrors } from "./support.ts";

let forwarded = 0;
const upstream = createServer((request, response) => {
  forwarded++;
  request.resume();
  response.writeHead(200, { "content-type": "application/json", "opc-request-id": "UP1" });
  response.end('{"items":[]}');
});
upstream.listen(0, "127.0.0.1");
await once(upstream, "listening");
const mock = await startMock({ port: 0 });
const gateway = await startGateway({
  port: 0,
  auth: "none",
  upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
});
afterAll(async () => {
  await Promise.all([mock.stop(), gateway.stop()]);
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

const servers = { mock, gateway };

describe.each(Object.keys(servers) as (keyof typeof servers)[])("the %s", (name) => {
  const { url } = servers[name];
  const host = new URL(url).host;

  it.each([
    ["//host/path", `//evil.example.test${operations.searchAuditLogs}`],
    ["//host alone", "//evil.example.test"],
    ["an absolute URL", `http://evil.example.test${operations.searchAuditLogs}`],
    ["*", "*"],
  ])("refuses a request target that is %s with 400 in the API's shape", async (_what, target) => {
    const before = forwarded;
    const answer = await rawExchange(
      url,
      `POST ${target} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
    );
    expect(answer.status, answer.body).toBe(400);
    const body = JSON.parse(answer.body);
    expect(body.message).toBe("The request target is not a path such as /20260430/...");
    expect(schemaErrors("Error", body)).toBe("");
    expect(answer.headers["opc-request-id"]).toMatch(requestIdPattern);
    expect(forwarded).toBe(before);
  });

  it("answers a path as usual", async () => {
    const answer = await rawExchange(
      url,
      `POST ${operations.searchAuditLogs} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
    );
    expect(answer.status, answer.body).toBe(200);
  });
});
