// The operation functions over a connection (the README's first program) send the same request as the client
// object's methods, which call them, and build it from the spec's facts without openapi-fetch: path values
// percent-encoded, query values in the URL, header parameters by their wire names, the body as JSON.
import { startPagingServer, startTestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import {
  AidpNotFoundError,
  AidpValidationError,
  createAidpClient,
  createAidpConnection,
  downloadClusterLogs,
  searchAuditLogs,
  searchAuditLogsItems,
  searchAuditLogsPages,
} from "../src/index.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("operation functions", () => {
  it("send what the client object's method sends, byte for byte but for the generated ids", async () => {
    const server = await startPagingServer(3);
    closers.push(server.close);
    const input = {
      aiDataPlatformId: "ocid1 with/slash&ü",
      limit: 2,
      page: Buffer.from("0").toString("base64url"),
      opcRequestId: "given-id",
      details: { status: "FAILED", timeBegin: new Date("2025-03-16T01:00:00+01:00") },
    } as const;
    const options = { headers: { "x-extra": "1" }, userAgent: "test-agent" };
    const page = await searchAuditLogs(createAidpConnection({ baseUrl: server.url, ...options }), input);
    await createAidpClient({ baseUrl: `${server.url}/`, ...options }).searchAuditLogs(input);

    expect(page).toEqual({
      items: [
        expect.objectContaining({ eventId: "event-0" }),
        expect.objectContaining({ eventId: "event-1" }),
      ],
      nextPage: Buffer.from("2").toString("base64url"),
      requestId: "page-at-0",
    });
    const [viaFunction, viaMethod] = server.requests;
    expect(viaFunction?.url).toBe(
      "/20260430/aiDataPlatforms/ocid1%20with%2Fslash%26%C3%BC/actions/searchAuditLogs?limit=2&page=MA",
    );
    expect(viaFunction?.body).toBe('{"status":"FAILED","timeBegin":"2025-03-16T00:00:00.000Z"}');
    expect(viaFunction?.headers).toMatchObject({
      "content-type": "application/json",
      "opc-request-id": "given-id",
      "x-extra": "1",
      "user-agent": "test-agent",
      "opc-retry-token": expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const { "opc-retry-token": _token, ...sameHeaders } = viaFunction?.headers ?? {};
    expect({ ...viaMethod, receivedAt: 0 }).toEqual({
      ...viaFunction,
      receivedAt: 0,
      headers: { ...sameHeaders, "opc-retry-token": expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });

  it("take the client object's connection, and page with it", async () => {
    const server = await startPagingServer(5);
    closers.push(server.close);
    const client = createAidpClient({ baseUrl: server.url });
    const ids: string[] = [];
    for await (const record of searchAuditLogsItems(client.connection, { aiDataPlatformId: "p", limit: 2 }))
      ids.push(String(record.eventId));
    expect(ids).toEqual(["event-0", "event-1", "event-2", "event-3", "event-4"]);
    expect(server.requests).toHaveLength(3);
  });

  it("validate before sending and check their options, as the methods do", async () => {
    const server = await startPagingServer(1);
    closers.push(server.close);
    const aidp = createAidpConnection({ baseUrl: server.url });
    await expect(searchAuditLogs(aidp, { aiDataPlatformId: "p", limit: 0 })).rejects.toThrow(
      /limit: at least 1 \(rule `minimum`\), got 0/,
    );
    await expect(
      searchAuditLogs(aidp, { aiDataPlatformId: "p" }, { maxItems: 1 } as never),
    ).rejects.toBeInstanceOf(AidpValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("turn an error answer into its typed error, with the body parsed or kept as text", async () => {
    const server = await startTestServer((request, response) => {
      response.writeHead(404, { "content-type": "text/html", "opc-request-id": "req-404" });
      response.end(request.url.includes("downloadLogs") ? "<h1>no such cluster</h1>" : "");
    });
    closers.push(server.close);
    const aidp = createAidpConnection({ baseUrl: server.url, retry: false });
    const failure = await downloadClusterLogs(aidp, {
      aiDataPlatformId: "p",
      workspaceKey: "w",
      clusterKey: "c",
      details: {
        logContentTypeContains: "driver",
        timeBegin: "2025-03-16T00:00:00Z",
        timeEnd: "2025-03-17T00:00:00Z",
      },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AidpNotFoundError);
    expect(failure).toMatchObject({ status: 404, requestId: "req-404", body: "<h1>no such cluster</h1>" });
  });

  it("read the connection's options once: a later change to them reaches no call", async () => {
    const server = await startPagingServer(3);
    closers.push(server.close);
    const options: { baseUrl: string; retry?: unknown; timeoutMs?: unknown; deadlineMs?: unknown } = {
      baseUrl: server.url,
    };
    const aidp = createAidpConnection(options as Parameters<typeof createAidpConnection>[0]);
    Object.assign(options, { retry: { maxAttempts: 0 }, timeoutMs: -5, deadlineMs: 1 });
    const page = await searchAuditLogs(aidp, { aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example" });
    expect(page.items).toHaveLength(3);
    // And the item: paging over pages and items goes through the same settings.
    expect(await searchAuditLogsItems(aidp, { aiDataPlatformId: "x", limit: 2 }).next()).toMatchObject({
      done: false,
    });
  });

  it("page over a missing input (from plain JavaScript) by failing at the first next(), naming the field", async () => {
    const aidp = createAidpConnection({ baseUrl: "http://127.0.0.1:9" });
    const pages = searchAuditLogsPages(aidp, undefined as never);
    await expect(pages.next()).rejects.toThrow(/aiDataPlatformId: a value .* \(rule `required`\)/);
    await expect(searchAuditLogsItems(aidp, undefined as never).next()).rejects.toBeInstanceOf(
      AidpValidationError,
    );
  });

  it("need an absolute baseUrl, and say which function was given a bad one", () => {
    expect(() => createAidpConnection({ baseUrl: "/20260430" })).toThrow(
      'createAidpConnection: baseUrl must be an absolute URL, got "/20260430".',
    );
  });
});
