// Error answers become AidpApiError subclasses carrying status, code, message, request id and operation,
// also when the body is empty or not JSON.
import { readApiFacts } from "@aidp/spec/facts";
import { documentedErrorClasses as documentedErrorClassesIn } from "@aidp/test-support";
import { sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import * as client from "../src/index.ts";
import {
  AidpApiError,
  AidpInternalServerError,
  AidpNotFoundError,
  AidpTooManyRequestsError,
  createAidpClient,
} from "../src/index.ts";

const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
const documentedErrorClasses = documentedErrorClassesIn<typeof AidpApiError>(client);
let server: TestServer | undefined;
afterEach(() => server?.close());

describe("the error classes", () => {
  it("cover exactly the error statuses the spec documents, across its operations", () => {
    const documented = new Set<number>();
    for (const operation of Object.values(readApiFacts().operations))
      for (const { status } of operation.responses)
        if (/^[45]\d\d$/.test(status)) documented.add(Number(status));
    expect(documentedErrorClasses.map(([status]) => status).sort()).toEqual([...documented].sort());
  });
});

describe("AidpApiError", () => {
  it.each(documentedErrorClasses)(
    "%i becomes its own class with every detail",
    async (status, ErrorClass) => {
      server = await startTestServer((_req, res) =>
        sendJson(
          res,
          status,
          { code: "SomeCode", message: "What went wrong." },
          { "opc-request-id": "RID-1" },
        ),
      );
      const aidp = createAidpClient({ baseUrl: server.url, retry: false });
      const error = await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(AidpApiError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        status,
        code: "SomeCode",
        requestId: "RID-1",
        operation: "searchAuditLogs",
        method: "POST",
      });
      expect((error as AidpApiError).url).toContain("/actions/searchAuditLogs");
      expect((error as Error).message).toBe(
        `searchAuditLogs failed with ${status} SomeCode: What went wrong. (opc-request-id RID-1)`,
      );
      expect((error as Error).name).toBe(ErrorClass.name);
    },
  );

  it("an undocumented status is a plain AidpApiError", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 418, { code: "Teapot", message: "No." }));
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpApiError);
    expect(Object.getPrototypeOf(error)).toBe(AidpApiError.prototype);
  });

  it("an empty body still gives a clear error", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(404, { "opc-request-id": "RID-2", "content-length": "0" });
      res.end();
    });
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as AidpApiError;
    expect(error).toBeInstanceOf(AidpNotFoundError);
    expect(error.code).toBe("HttpError404");
    expect(error.message).toContain("empty body");
    expect(error.requestId).toBe("RID-2");
  });

  it("a 200 whose body is not JSON (a proxy's page) is an AidpApiError with its status, text and request id", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "opc-request-id": "RID-HTML" });
      res.end("<html>Sign in to the proxy</html>");
    });
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as AidpApiError;
    expect(error).toBeInstanceOf(AidpApiError);
    expect(error.status).toBe(200);
    expect(error.code).toBe("HttpError200");
    expect(error.message).toContain("body: <html>Sign in to the proxy</html>");
    expect(error.requestId).toBe("RID-HTML");
  });

  // JSON, but no object: what the client would otherwise hand on as a page or an export's answer.
  it.each(["null", "42", "true", '"ok"', "[]", '[{"eventId":"e-1"}]'])(
    "a 200 whose body is JSON but not an object (%s) is an AidpApiError quoting the body",
    async (body) => {
      server = await startTestServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "opc-request-id": "RID-JSON" });
        res.end(body);
      });
      const aidp = createAidpClient({ baseUrl: server.url, retry: false });
      const error = (await aidp
        .searchAuditLogs({ aiDataPlatformId })
        .catch((e: unknown) => e)) as AidpApiError;
      expect(error).toBeInstanceOf(AidpApiError);
      expect(error.code).toBe("HttpError200");
      expect(error.message).toContain(`no error code; body: ${body} (opc-request-id RID-JSON)`);
      expect(error.body).toBe(body);
    },
  );

  it("a 200 with an empty body is an answer without data, as before", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-length": "0" });
      res.end();
    });
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    expect((await aidp.searchAuditLogs({ aiDataPlatformId })).items).toEqual([]);
  });

  it("a non-JSON body still gives a clear error that quotes it", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(500, { "content-type": "text/html" });
      res.end("<html>Bad gateway</html>");
    });
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as AidpApiError;
    expect(error).toBeInstanceOf(AidpInternalServerError);
    expect(error.code).toBe("HttpError500");
    expect(error.message).toContain("<html>Bad gateway</html>");
  });
});

describe("AidpApiError headers and body", () => {
  it("a caller with retry: false reads Retry-After and the parsed Error body from the error", async () => {
    const body = { code: "TooManyRequests", message: "Slow down." };
    server = await startTestServer((_req, res) =>
      sendJson(res, 429, body, { "retry-after": "7", "opc-request-id": "RID-4" }),
    );
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as AidpApiError;
    expect(error).toBeInstanceOf(AidpTooManyRequestsError);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("retry-after")).toBe("7");
    expect(error.headers.get("opc-request-id")).toBe("RID-4");
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.body).toEqual(body);
    expect(server.requests).toHaveLength(1);
  });

  it("redacts the value of every header the spec marks secret, and keeps the others", async () => {
    const parUrl = "https://objectstorage.example/p/SECRET-PAR-TOKEN/n/ns/b/bucket/o/log.gz";
    const retryToken = "SECRET-RETRY-TOKEN-echoed";
    server = await startTestServer((_req, res) =>
      sendJson(
        res,
        409,
        { code: "IncorrectState", message: "Busy." },
        { "datalake-cluster-log-par-url": parUrl, "opc-retry-token": retryToken, "x-other": "kept" },
      ),
    );
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = (await aidp
      .downloadClusterLogs({
        aiDataPlatformId,
        workspaceKey: "ws",
        clusterKey: "cl",
        opcRetryToken: retryToken,
        details: { logContentTypeContains: "events", timeBegin: new Date(0), timeEnd: new Date(1) },
      })
      .catch((e: unknown) => e)) as AidpApiError;
    expect(error.headers.get("datalake-cluster-log-par-url")).toBe(`<redacted, ${parUrl.length} characters>`);
    expect(error.headers.get("opc-retry-token")).toBe(`<redacted, ${retryToken.length} characters>`);
    expect(error.headers.get("x-other")).toBe("kept");
    expect(JSON.stringify([...error.headers])).not.toMatch(/SECRET/);
  });

  it("an error made by hand, as before headers existed, has empty headers", () => {
    const error = new AidpApiError({
      status: 503,
      body: { code: "Busy", message: "Try later." },
      requestId: undefined,
      operation: "searchAuditLogs",
      method: "POST",
      url: "https://aidp.example.invalid/x",
    });
    expect([...error.headers]).toEqual([]);
    expect(error.body).toEqual({ code: "Busy", message: "Try later." });
  });

  it.each([
    ["a non-JSON body is its text", "text/html", "<html>Bad gateway</html>", "<html>Bad gateway</html>"],
    ["an empty body is undefined", "application/json", "", undefined],
  ])("%s", async (_name, contentType, text, expected) => {
    server = await startTestServer((_req, res) => {
      res.writeHead(500, { "content-type": contentType });
      res.end(text);
    });
    const aidp = createAidpClient({ baseUrl: server.url, retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as AidpApiError;
    expect(error.body).toBe(expected);
    expect(error.headers.get("content-type")).toBe(contentType);
  });
});

describe("DownloadClusterLogs result", () => {
  it("keeps the PAR URL out of logs and JSON while giving it to the caller", async () => {
    const parUrl = "https://objectstorage.example/p/SECRET-PAR-TOKEN/n/ns/b/bucket/o/log.gz";
    server = await startTestServer((_req, res) => {
      res.writeHead(202, {
        "aidp-async-operation-key": "op-9",
        "datalake-cluster-log-par-url": parUrl,
        "opc-request-id": "RID-3",
      });
      res.end();
    });
    const aidp = createAidpClient({ baseUrl: server.url });
    const job = await aidp.downloadClusterLogs({
      aiDataPlatformId,
      workspaceKey: "ws",
      clusterKey: "cl",
      details: { logContentTypeContains: "events", timeBegin: new Date(0), timeEnd: new Date(1) },
    });
    expect(job.logParUrl).toBe(parUrl);
    expect(job).toMatchObject({ asyncOperationKey: "op-9", requestId: "RID-3" });
    expect(JSON.stringify(job)).not.toContain("SECRET-PAR-TOKEN");
    expect(Object.keys(job)).not.toContain("logParUrl");
  });
});
