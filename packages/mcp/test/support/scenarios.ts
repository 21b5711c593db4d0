// The tool scenarios of issue 28, run against the mock the same way whatever the client and the transport: in
// process, over stdio, over HTTP. Expected values come from the client's own calls to the same mock.
import { createAidpClient } from "@aidp/client";
import { type RunningMock, startMock } from "@aidp/mock";
import { until } from "@aidp/test-support";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { McpSession, ToolResult } from "./sessions.ts";
import { plantedSecrets, secretsIn, transcript } from "./transcript.ts";

export const INSTANCE_ID = "ocid1.aidataplatform.oc1.iad.mcptests";
const RECORDS = 120;
/** The bin's arguments for the test's mock: its URL, no signature, the instance. */
export const serverArgs = (mockUrl: string) => [
  "--endpoint",
  mockUrl,
  "--auth",
  "none",
  "--instance-id",
  INSTANCE_ID,
];
/** How long the mock's exports take: long enough to see PENDING, short enough to wait for READY. */
const EXPORT_READY_AFTER_MS = 2_500;
const EXPORT_DETAILS = {
  logContentTypeContains: "driver",
  timeBegin: "2025-03-16T00:00:00Z",
  timeEnd: "2025-03-16T23:59:59Z",
};
const EXPORT = { workspaceKey: "ws-mcp", clusterKey: "cl-mcp", ...EXPORT_DETAILS };

/** A mock for the file, with the records and export delay the scenarios expect; its log lines are kept. */
export function useMock(): { mock(): RunningMock; log: string[] } {
  let mock: RunningMock | undefined;
  const log: string[] = [];
  beforeAll(async () => {
    mock = await startMock({
      port: 0,
      records: RECORDS,
      seed: "aidp-mcp",
      exportReadyAfterMs: EXPORT_READY_AFTER_MS,
      onLog: (line) => log.push(line),
    });
  });
  afterAll(() => mock?.stop());
  return { mock: () => mock as RunningMock, log };
}

/** Fails the file if anything the server said holds a secret (runs after the file's sessions are closed). */
export function scanForSecretsAfterAll(): void {
  afterAll(() => {
    expect(secretsIn(transcript, plantedSecrets)).toEqual([]);
  });
}

const textOf = (result: ToolResult) => result.content.map((block) => block.text ?? "").join("\n");

export function toolScenarios(
  mocked: { mock(): RunningMock; log: string[] },
  open: () => Promise<McpSession>,
): void {
  let session: McpSession;
  beforeAll(async () => {
    session = await open();
  });
  afterAll(() => session?.close());
  const direct = () =>
    createAidpClient({ baseUrl: mocked.mock().url, headers: { "x-aidp-mock-export-ready-after": "0" } });

  it("lists the three tools, each with an object input schema", async () => {
    const tools = await session.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "download_cluster_logs",
      "read_cluster_log",
      "search_audit_logs",
    ]);
    for (const tool of tools) expect(tool.inputSchema.type).toBe("object");
  });

  it("pages to the end through `page`: every record once, as the client reads them", async () => {
    const expected: string[] = [];
    for await (const item of direct().searchAuditLogsItems({ aiDataPlatformId: INSTANCE_ID, details: {} }))
      expected.push(item.eventId as string);
    const seen: string[] = [];
    let page: string | undefined;
    let calls = 0;
    do {
      const result = await session.callTool("search_audit_logs", page ? { page } : {});
      expect(result.isError, textOf(result)).toBeFalsy();
      const structured = result.structuredContent as {
        items: { eventId: string }[];
        nextPage: string | null;
        requestId: string;
      };
      expect(structured.requestId).toMatch(/\S/);
      expect(structured.items.length).toBeLessThanOrEqual(50);
      seen.push(...structured.items.map((item) => item.eventId));
      page = structured.nextPage ?? undefined;
      if (page) expect(textOf(result)).toContain(page);
      calls++;
    } while (page && calls < 10);
    expect(expected).toHaveLength(RECORDS);
    expect(seen).toEqual(expected);
    expect(calls).toBe(Math.ceil(RECORDS / 50));
  });

  it("filters: only FAILED records, as many as the client finds, with relative times accepted", async () => {
    let expected = 0;
    for await (const item of direct().searchAuditLogsItems({
      aiDataPlatformId: INSTANCE_ID,
      details: { status: "FAILED" },
    })) {
      expect(item.status).toBe("FAILED");
      expected++;
    }
    const result = await session.callTool("search_audit_logs", {
      status: "FAILED",
      limit: 1000,
      timeEnd: "0s",
    });
    const items = (result.structuredContent as { items: { status: string }[] }).items;
    expect(expected).toBeGreaterThan(0);
    expect(items).toHaveLength(expected);
    expect(new Set(items.map((item) => item.status))).toEqual(new Set(["FAILED"]));
    expect(textOf(result)).toMatch(new RegExp(`^${expected} audit records`));
  });

  it("a bad argument is isError naming the argument and the rule; nothing is sent", async () => {
    const tooMany = await session.callTool("search_audit_logs", { limit: 5000 });
    expect(tooMany.isError).toBe(true);
    expect(textOf(tooMany)).toContain("limit: at most 1000 (rule `maximum`)");
    expect(tooMany.structuredContent).toEqual({
      error: {
        kind: "invalid-arguments",
        issues: [{ field: "limit", rule: "maximum", expected: "at most 1000" }],
      },
    });
    const badEnum = await session.callTool("search_audit_logs", { status: "BROKEN" });
    expect(textOf(badEnum)).toContain("status: one of SUCCEEDED, FAILED (rule `enum`)");
    const unknown = await session.callTool("search_audit_logs", { colour: "red" });
    expect(textOf(unknown)).toContain("colour: no such argument, expected an argument of search_audit_logs");
    expect(textOf(unknown)).not.toContain("got (not shown)");
    // Every object inherits `constructor`: it is no argument either.
    const inherited = await session.callTool("search_audit_logs", { constructor: 1 });
    expect(textOf(inherited)).toContain(
      "constructor: no such argument, expected an argument of search_audit_logs",
    );
    const missing = await session.callTool("download_cluster_logs", { workspaceKey: "w", clusterKey: "c" });
    expect(
      (missing.structuredContent as { error: { issues: { field: string }[] } }).error.issues.map(
        (i) => i.field,
      ),
    ).toEqual(["logContentTypeContains", "timeBegin", "timeEnd"]);
  });

  it("an API error is isError with the service's code, message and opc-request-id", async () => {
    const result = await session.callTool("search_audit_logs", { page: "not-a-token-of-this-mock" });
    expect(result.isError).toBe(true);
    const error = (
      result.structuredContent as {
        error: { kind: string; status: number; code: string; message: string; requestId: string };
      }
    ).error;
    expect(error).toMatchObject({ kind: "api", status: 400 });
    expect(error.code).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(error.requestId).toMatch(/^[0-9A-F]{32}$/);
    expect(textOf(result)).toContain(`opc-request-id ${error.requestId}`);
  });

  it("an export: a logHandle and never the URL; PENDING, then READY with the bytes of a GET of the URL", async () => {
    const started = await session.callTool("download_cluster_logs", EXPORT);
    expect(started.isError, textOf(started)).toBeFalsy();
    const job = started.structuredContent as {
      logHandle: string;
      asyncOperationKey: string;
      requestId: string;
    };
    expect(Object.keys(job).sort()).toEqual(["asyncOperationKey", "expiresAt", "logHandle", "requestId"]);
    expect(
      Buffer.from(job.logHandle.replace(/^log_/, ""), "base64url").byteLength * 8,
    ).toBeGreaterThanOrEqual(128);
    expect(JSON.stringify(started)).not.toMatch(/https?:|\/p\//);

    const pending = await session.callTool("read_cluster_log", { logHandle: job.logHandle, waitSeconds: 0 });
    expect(pending.structuredContent).toMatchObject({ status: "PENDING" });
    expect(pending.isError).toBeFalsy();

    const ready = await session.callTool("read_cluster_log", { logHandle: job.logHandle, waitSeconds: 30 });
    const log = ready.structuredContent as {
      status: string;
      bytes: number;
      lines: number;
      truncated: boolean;
      text: string;
    };
    expect(log.status, textOf(ready)).toBe("READY");
    // The same export through the client: its URL, fetched directly, is the file the tool read.
    const same = await direct().downloadClusterLogs({
      aiDataPlatformId: INSTANCE_ID,
      workspaceKey: EXPORT.workspaceKey,
      clusterKey: EXPORT.clusterKey,
      details: EXPORT_DETAILS,
    });
    plantedSecrets.add(same.logParUrl as string);
    const file = await (await fetch(same.logParUrl as string)).text();
    expect(log.bytes).toBe(Buffer.byteLength(file));
    expect(log.lines).toBe(file.split("\n").length - 1);
    expect(`${log.text}\n`).toBe(file);
    expect(log.truncated).toBe(false);

    const tail = await session.callTool("read_cluster_log", {
      logHandle: job.logHandle,
      grep: "line 1\\d of",
      tailLines: 2,
      waitSeconds: 0,
    });
    expect((tail.structuredContent as { text: string }).text.split("\n")).toEqual(
      file
        .split("\n")
        .filter((line) => /line 1\d of/.test(line))
        .slice(-2),
    );
  });

  it("an unknown handle is isError saying how to get one", async () => {
    const result = await session.callTool("read_cluster_log", { logHandle: "log_never-issued" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("logHandle: no export with this handle");
    expect(textOf(result)).toContain("download_cluster_logs");
  });

  it("a cancelled read stops waiting at once", async () => {
    const started = await session.callTool("download_cluster_logs", { ...EXPORT, clusterKey: "cl-cancel" });
    const { logHandle } = started.structuredContent as { logHandle: string };
    const controller = new AbortController();
    const notYetAnswers = () => mocked.log.filter((line) => /^GET \/p\/\S+ 404/.test(line)).length;
    const polledBefore = notYetAnswers();
    const reading = session.callTool(
      "read_cluster_log",
      { logHandle, waitSeconds: 40 },
      { signal: controller.signal },
    );
    reading.catch(() => {});
    // Cancel once the server is polling: the mock has answered the URL's first GET with 404.
    await until(() => (notYetAnswers() > polledBefore ? true : undefined), {
      timeoutMs: 15_000,
      what: "the server to poll the export's URL",
      explain: () => [...mocked.log.slice(-5), ...session.logLines().slice(-5)].join("\n"),
    });
    controller.abort();
    await expect(reading).rejects.toThrow();
    await until(
      () =>
        session.logLines().some((line) => line.includes("read_cluster_log: cancelled")) ? true : undefined,
      {
        timeoutMs: 15_000,
        what: "the server to log the cancelled read",
        explain: () => session.logLines().join("\n"),
      },
    );
  });
}
