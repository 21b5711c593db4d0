// The HTTP transport listens on 127.0.0.1 only and refuses a foreign Host or Origin (DNS rebinding) before
// anything reads the request; only /mcp is served.
import { request } from "node:http";
import { McpServer } from "@modelcontextprotocol/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../src/http-server.ts";

let server: RunningHttpServer;
const logged: string[] = [];
beforeAll(async () => {
  server = await startHttpServer(
    () => new McpServer({ name: "t", version: "1" }, { capabilities: { tools: {} } }),
    0,
    (line) => logged.push(line),
  );
});
afterAll(() => server.close());

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
});

function post(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: "127.0.0.1",
        port: url.port,
        path,
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (response) => {
        let body = "";
        response
          .setEncoding("utf8")
          .on("data", (chunk: string) => {
            body += chunk;
          })
          .on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    sent.on("error", reject);
    sent.end(INITIALIZE);
  });
}

it("listens on 127.0.0.1", () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
});

it.each(["127.0.0.1", "localhost"])("answers a local Host (%s)", async (host) => {
  const { status, body } = await post("/mcp", { host: `${host}:${new URL(server.url).port}` });
  expect(status).toBe(200);
  expect(body).toContain('"protocolVersion"');
});

it("refuses a foreign Host with 403", async () => {
  const { status } = await post("/mcp", { host: "attacker.example:80" });
  expect(status).toBe(403);
  expect(logged.some((line) => line.includes("refused"))).toBe(true);
});

it("refuses a foreign Origin with 403", async () => {
  const { status } = await post("/mcp", { host: "127.0.0.1", origin: "http://attacker.example" });
  expect(status).toBe(403);
});

it("serves /mcp only", async () => {
  expect((await post("/other", { host: "127.0.0.1" })).status).toBe(404);
});
