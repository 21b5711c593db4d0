// A connection signs and logs through the attempt hooks its provider and logger bring: the auth factories' providers
// have them, a provider or logger of the user's gets them from customAuth / attemptLogger (and is refused without
// them, never silently left unused), and the connection then signs, renews after a 401 and logs as createAidpClient.
import { generateTestKeyPair, TEST_IDENTITY, TEST_PASSPHRASE } from "@aidp/test-support";
import { startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import {
  AidpAuthError,
  type AuthProvider,
  apiKeyAuth,
  attemptLogger,
  createAidpClient,
  createAidpConnection,
  customAuth,
  searchAuditLogs,
} from "../src/index.ts";
import { capturingLogger } from "./capturing-logger.ts";

const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Answers 401 to every request without `authorization: token-2`, else an empty page. */
async function tokenCheckingServer(): Promise<TestServer> {
  const server = await startTestServer((request, response) => {
    const ok = request.headers.authorization === "token-2";
    response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    response.end(ok ? '{"items":[]}' : '{"code":"NotAuthenticated","message":"no"}');
  });
  servers.push(server);
  return server;
}

/** A provider of the user's: signs with its current token, and `refresh` moves to the next one. */
function tokenProvider() {
  let token = 1;
  const provider: AuthProvider = {
    async signRequest() {
      return new Headers({ authorization: `token-${token}`, host: "not-sent.invalid" });
    },
    async refresh() {
      token++;
    },
  };
  return provider;
}

describe("createAidpConnection with auth or a logger", () => {
  it("refuses a provider or logger of the user's that has no attempt hooks, naming the helper", () => {
    const baseUrl = "http://127.0.0.1:1";
    expect(() => createAidpConnection({ baseUrl, auth: tokenProvider() })).toThrow(
      new TypeError("createAidpConnection: pass auth as customAuth(auth), or use createAidpClient."),
    );
    expect(() => createAidpConnection({ baseUrl, logger: capturingLogger().logger })).toThrow(
      new TypeError("createAidpConnection: pass logger as attemptLogger(logger), or use createAidpClient."),
    );
  });

  it("takes an auth factory's provider as it is", () => {
    const auth = apiKeyAuth({ ...TEST_IDENTITY, privateKey: generateTestKeyPair().pkcs8 });
    expect(() => createAidpConnection({ baseUrl: "http://127.0.0.1:1", auth })).not.toThrow();
    expect(customAuth(auth)).toBe(auth);
  });

  it("built entries share one registry: a provider of @aidp/client/node works in @aidp/client's connection", async () => {
    // The entries are bundled apart; were the registry copied into each, this provider would be refused.
    const main: typeof import("../src/index.ts") = await import(
      new URL("../dist/index.js", import.meta.url).href
    );
    const node: typeof import("../src/auth/node/index.ts") = await import(
      new URL("../dist/auth/node/index.js", import.meta.url).href
    );
    const auth = node.apiKeyAuth({
      ...TEST_IDENTITY,
      privateKey: generateTestKeyPair().encryptedPkcs1,
      passphrase: TEST_PASSPHRASE,
    });
    // Signed by the node entry's provider through the main entry's connection: the request carries its signature.
    const server = await startTestServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"items":[]}');
    });
    servers.push(server);
    await main.searchAuditLogs(main.createAidpConnection({ baseUrl: server.url, auth }), {
      aiDataPlatformId,
    });
    expect(server.requests[0]?.headers.authorization).toMatch(/^Signature version="1",keyId="/);
  });

  it("a role is a role: a logger is not taken for a provider, and one object may be both", async () => {
    const server = await tokenCheckingServer();
    const { logger } = capturingLogger();
    expect(() => createAidpConnection({ baseUrl: server.url, auth: attemptLogger(logger) as never })).toThrow(
      new TypeError("createAidpConnection: pass auth as customAuth(auth), or use createAidpClient."),
    );
    // A provider that also logs: it signs (and renews) and it gets every attempt's line, whichever helper came first.
    const captured = capturingLogger();
    const both = attemptLogger(customAuth(Object.assign(tokenProvider(), captured.logger)));
    await searchAuditLogs(createAidpConnection({ baseUrl: server.url, auth: both, logger: both }), {
      aiDataPlatformId,
    });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["token-1", "token-2"]);
    expect(captured.lines.map((line) => line.fields?.status)).toEqual([200]);
  });

  it("customAuth: a refresh the provider gets after customAuth is used at the next 401", async () => {
    const server = await tokenCheckingServer();
    const { signRequest, refresh } = tokenProvider();
    const provider: AuthProvider = customAuth({ signRequest });
    provider.refresh = refresh;
    await searchAuditLogs(createAidpConnection({ baseUrl: server.url, auth: provider }), {
      aiDataPlatformId,
    });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["token-1", "token-2"]);
  });

  it("customAuth: signs every attempt, renews once after a 401 and sends the attempt again", async () => {
    const server = await tokenCheckingServer();
    const aidp = createAidpConnection({ baseUrl: server.url, auth: customAuth(tokenProvider()) });
    const page = await searchAuditLogs(aidp, { aiDataPlatformId });
    expect(page.items).toEqual([]);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["token-1", "token-2"]);
    // A header the runtime computes is never taken from the provider.
    expect(server.requests[1]?.headers.host).toBe(new URL(server.url).host);
  });

  it("customAuth: a failure of the provider's is an AidpAuthError naming the step, and nothing is sent", async () => {
    const server = await tokenCheckingServer();
    const auth = customAuth({
      async signRequest(): Promise<Headers> {
        throw new Error("key unusable");
      },
    });
    const error = await searchAuditLogs(createAidpConnection({ baseUrl: server.url, auth }), {
      aiDataPlatformId,
    }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AidpAuthError);
    expect(String(error)).toMatch(/searchAuditLogs: signing the request failed: key unusable/);
    expect(server.requests).toHaveLength(0);
  });

  it("customAuth: a header value fetch refuses is not quoted in the error when it is the Authorization header", async () => {
    const server = await tokenCheckingServer();
    const auth = customAuth({
      async signRequest(): Promise<Headers> {
        // Headers refuse CR and LF, and quote the whole value in their TypeError.
        return new Headers({
          authorization: 'Signature version="1",keyId="a\r\nb",signature="SECRET-SIGNATURE"',
        });
      },
    });
    const error = await searchAuditLogs(createAidpConnection({ baseUrl: server.url, auth }), {
      aiDataPlatformId,
    }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AidpAuthError);
    expect(String(error)).toMatch(/signing the request failed: .*<the Authorization header, redacted>/);
    expect(String(error)).not.toContain("SECRET-SIGNATURE");
    expect(server.requests).toHaveLength(0);
  });

  it("attemptLogger: the same lines as createAidpClient's logger gets", async () => {
    const server = await tokenCheckingServer();
    const viaConnection = capturingLogger();
    const viaClient = capturingLogger();
    const options = { baseUrl: server.url, retry: false } as const;
    for (const aidp of [
      createAidpConnection({ ...options, logger: attemptLogger(viaConnection.logger) }),
      createAidpClient({ ...options, logger: viaClient.logger }).connection,
    ])
      await searchAuditLogs(aidp, { aiDataPlatformId }).catch(() => undefined);
    const withoutTimes = (lines: typeof viaClient.lines) =>
      lines.map(({ level, message, fields }) => ({
        level,
        message: message.replace(/ in \d+ ms/, ""),
        fields: { ...fields, latencyMs: 0, requestId: "" },
      }));
    expect(viaConnection.lines).toHaveLength(1);
    expect(viaConnection.lines[0]).toMatchObject({
      level: "error",
      message: expect.stringMatching(/^searchAuditLogs attempt 1: 401 in \d+ ms$/),
      fields: { operation: "searchAuditLogs", attempt: 1, status: 401, outcome: "failure" },
    });
    expect(withoutTimes(viaConnection.lines)).toEqual(withoutTimes(viaClient.lines));
  });
});
