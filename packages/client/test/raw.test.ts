// `aidp.raw` is the escape hatch for what the methods do not cover, and it goes through the same pipeline:
// signed per attempt, retried with one opc-retry-token and opc-request-id, timed out and logged.

import { generateTestKeyPair, TEST_IDENTITY as identity, TEST_KEY_ID as keyId } from "@aidp/test-support";
import { sendJson, startSignatureCheckingServer, startTestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import { apiKeyAuth } from "../src/auth/index.ts";
import { AidpTimeoutError, createAidpClient, type Logger } from "../src/index.ts";
import * as signature from "../src/signature.ts";

const keys = generateTestKeyPair();
const searchPath = "/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs";
const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The global fetch, recording the headers of every attempt the transport sends. */
function recordingFetch() {
  const sent: Headers[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push(new Headers(init?.headers));
    return globalThis.fetch(input, init);
  };
  return { fetch, sent };
}

describe("aidp.raw", () => {
  it("signs a POST, retries it on a 503 with the same retry token, and every signature verifies", async () => {
    const server = await startSignatureCheckingServer(signature, keys.publicKey, [503]);
    closers.push(server.close);
    const { fetch, sent } = recordingFetch();
    const aidp = createAidpClient({
      baseUrl: server.url,
      auth: apiKeyAuth({ ...identity, privateKey: keys.pkcs8 }),
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      fetch,
    });
    const { data, response } = await aidp.raw.POST(searchPath, {
      params: { path: { aiDataPlatformId }, query: { limit: 5 } },
      body: { status: "FAILED" },
    });
    expect(response.status).toBe(200);
    expect(data?.items).toEqual([]);
    expect(server.checked.map((c) => [c.verified, c.keyId])).toEqual([
      [true, keyId],
      [true, keyId],
    ]);
    expect(server.checked[1]?.signedHeaders).toContain("x-content-sha256");
    expect(sent).toHaveLength(2);
    const tokens = sent.map((headers) => headers.get("opc-retry-token"));
    expect(tokens[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens[1]).toBe(tokens[0]);
    expect(sent[1]?.get("opc-request-id")).toBe(sent[0]?.get("opc-request-id"));
    // Each attempt is signed afresh: its own Authorization over its own date.
    expect(sent.every((headers) => headers.get("authorization")?.startsWith('Signature version="1"'))).toBe(
      true,
    );
  });

  it("keeps a retry token the caller gave", async () => {
    const server = await startTestServer((_req, res, index) =>
      sendJson(res, index === 0 ? 503 : 200, { items: [] }),
    );
    closers.push(server.close);
    const aidp = createAidpClient({ baseUrl: server.url, retry: { baseDelayMs: 1 } });
    await aidp.raw.POST(searchPath, {
      params: { path: { aiDataPlatformId }, header: { "opc-retry-token": "my-token" } },
      body: {},
    });
    expect(server.requests.map((r) => r.headers["opc-retry-token"])).toEqual(["my-token", "my-token"]);
  });

  it.each(["json", "text", "blob", "arrayBuffer", "stream"] as const)(
    "hands back the whole body read inside the attempt (parseAs %s)",
    async (parseAs) => {
      const page = { items: [{ eventId: "é-1" }] };
      const server = await startTestServer((_req, res) => sendJson(res, 200, page));
      closers.push(server.close);
      const aidp = createAidpClient({ baseUrl: server.url });
      const { data, response } = await aidp.raw.POST(searchPath, {
        params: { path: { aiDataPlatformId } },
        body: {},
        parseAs,
      });
      const text = await new Response(
        data instanceof ReadableStream || data instanceof Blob || data instanceof ArrayBuffer
          ? data
          : JSON.stringify(data),
      ).text();
      expect(JSON.parse(parseAs === "text" ? String(data) : text)).toEqual(page);
      expect(response.url).toBe(`${server.url}${searchPath.replace("{aiDataPlatformId}", aiDataPlatformId)}`);
      expect(response.bodyUsed).toBe(parseAs !== "stream");
    },
  );

  it("times out and logs like the methods", async () => {
    const server = await startTestServer(() => {}); // never answers
    closers.push(server.close);
    const lines: string[] = [];
    const log = (message: string) => lines.push(message);
    const logger: Logger = { debug: log, info: log, warn: log, error: log };
    const aidp = createAidpClient({
      baseUrl: server.url,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      timeoutMs: 100,
      logger,
    });
    const error = await aidp.raw
      .POST(searchPath, { params: { path: { aiDataPlatformId } }, body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpTimeoutError);
    // Two attempts, as the log below says; on a busy machine an attempt can time out before this process's server
    // has read its request, so the server may have seen fewer, never more.
    expect(server.requests.length).toBeLessThanOrEqual(2);
    const operation = `POST /20260430/aiDataPlatforms/${aiDataPlatformId}/actions/searchAuditLogs`;
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^${operation} attempt 1: timed out after 100 ms in \\d+ ms; retrying in \\d+ ms$`),
      ),
      expect.stringMatching(
        new RegExp(
          `^${operation} attempt 2: timed out after 100 ms in \\d+ ms; not retried: retry\\.maxAttempts \\(2\\) reached$`,
        ),
      ),
    ]);
  });
});
