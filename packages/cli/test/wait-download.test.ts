// `download-logs --wait --download FILE` completes the job: it polls the PAR URL (404 until the export is
// ready) with backoff and streams the log file to FILE atomically. Against the stateful mock, whose exports
// become ready after a delay (`exportReadyAfterMs`), and a node:http server for the cases the mock cannot make.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningMock, startMock } from "@aidp/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deferred } from "./support/deferred.ts";
import { DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { runAidp, startAidp, startOnTerminal } from "./support/run-aidp.ts";
import { useFakeServices } from "./support/use-fake-service.ts";

const INSTANCE = "ocid1.aidataplatform.oc1..waiting";
const dir = mkdtempSync(join(tmpdir(), "aidp-cli-wait-"));
let mock: RunningMock;
const startFakeService = useFakeServices();
beforeAll(async () => {
  mock = await startMock({ port: 0, exportReadyAfterMs: 2_000 });
});
afterAll(async () => {
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
});

const atMock = () => ["--auth", "none", "--endpoint", mock.url, "--instance-id", INSTANCE];
/** Polls a tenth of a second apart: the tests wait for outcomes, not for the defaults made for real exports. */
const QUICK_POLLS = ["--wait-interval-seconds", "0.1"];

const notYet = (response: ServerResponse) =>
  sendJson(response, 404, { code: "NotFound", message: "not yet" });

/**
 * A service whose export starts at once (202 with its key, its PAR URL at `parPath` on the same server, and
 * `requestId` when given) and whose PAR URL answers each poll with `answerPoll`.
 */
async function exportService(
  operationKey: string,
  answerPoll: (response: ServerResponse) => void,
  { parPath = "/p/token/o/driver.log", requestId }: { parPath?: string; requestId?: string } = {},
) {
  const service = await startFakeService((request, response) => {
    if (request.method !== "POST") return answerPoll(response);
    sendJson(
      response,
      202,
      {},
      {
        "aidp-async-operation-key": operationKey,
        "datalake-cluster-log-par-url": `${service.url}${parPath}`,
        ...(requestId === undefined ? {} : { "opc-request-id": requestId }),
      },
    );
  });
  return service;
}

/** An export not ready yet, and the moment its PAR URL is first polled (when a test interrupts the CLI). */
async function pendingExport(operationKey: string) {
  const { promise: firstPoll, resolve: polled } = deferred();
  const service = await exportService(operationKey, (response) => {
    polled();
    notYet(response);
  });
  return { service, firstPoll };
}

describe("cluster download-logs --wait --download FILE", () => {
  it("against a mock whose export is ready after 2 s: FILE holds what the PAR URL serves, byte for byte", async () => {
    const parUrlFile = join(dir, "par-url.txt");
    const logFile = join(dir, "driver.log");
    const { code, stdout, stderr } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...atMock(),
      "--par-url-file",
      parUrlFile,
      "--wait",
      "--download",
      logFile,
      ...QUICK_POLLS,
    ]);
    expect(stderr).toMatch(/^aidp: downloaded [\d.]+ kB to .*driver\.log in [\d.]+ m?s\n$/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ logParUrlFile: parUrlFile });
    const served = await fetch(readFileSync(parUrlFile, "utf8").trim());
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(100);
    expect(readFileSync(logFile).equals(bytes)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["driver.log", "par-url.txt"]);
  });

  it("--max-wait-seconds runs out: exit 4, no FILE and no temporary file left, the job printed first", async () => {
    const waitDir = mkdtempSync(join(dir, "short-"));
    const started = await exportService("op-slow", notYet, {
      parPath: "/p/token/n/ns/b/logs/o/driver.log",
      requestId: "REQ-SLOW",
    });
    const { code, stdout, stderr } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(started),
      "--download",
      join(waitDir, "driver.log"),
      "--max-wait-seconds",
      "1.5",
      ...QUICK_POLLS,
    ]);
    expect(stderr).toBe(
      "aidp: timed out (--max-wait-seconds): the log file was not ready after 1.5 s; last answer: 404. A failed export and a slow one look the same here (its URL answers 404 until the file exists, and forever if the export failed): check the export (async operation key op-slow) in the OCI Console (the instance's work requests), or try a shorter time range, before waiting longer (opc-request-id REQ-SLOW)\n",
    );
    expect(code).toBe(4);
    expect(JSON.parse(stdout)).toMatchObject({ asyncOperationKey: "op-slow", requestId: "REQ-SLOW" });
    expect(readdirSync(waitDir)).toEqual([]);
    expect(started.requests.filter((request) => request.method === "GET").length).toBeGreaterThan(0);
  });

  it.each([
    ["without the log file URL", {}, "has no log file URL (its PAR URL header is missing or empty)"],
    [
      "with an empty log file URL",
      { "datalake-cluster-log-par-url": "" },
      "has no log file URL (its PAR URL header is missing or empty)",
    ],
    [
      "whose log file URL is not an http(s) URL",
      { "datalake-cluster-log-par-url": "ftp://objectstorage.example.invalid/p/SECRET-PAR/o/driver.log" },
      "has a log file URL that is not an http(s) URL",
    ],
    [
      "whose log file URL is not a URL",
      { "datalake-cluster-log-par-url": "SECRET-PAR not a url" },
      "has a log file URL that is not an http(s) URL",
    ],
  ])(
    "an answer %s: the job printed, then exit 3 (nothing to wait for), no FILE",
    async (_case, parHeader, words) => {
      const waitDir = mkdtempSync(join(dir, "no-url-"));
      const started = await startFakeService((_request, response) =>
        sendJson(
          response,
          202,
          {},
          { "aidp-async-operation-key": "op-no-url", "opc-request-id": "REQ-NO-URL", ...parHeader },
        ),
      );
      const { code, stdout, stderr } = await runAidp([
        ...DOWNLOAD_LOGS_COMMAND,
        ...fakeServiceFlags(started),
        "--download",
        join(waitDir, "driver.log"),
        ...QUICK_POLLS,
      ]);
      expect(stderr).toBe(
        `aidp: the service started the export but its answer ${words}: there is nothing to wait for and download (opc-request-id REQ-NO-URL)\n`,
      );
      expect(code).toBe(3);
      expect(JSON.parse(stdout)).toMatchObject({ asyncOperationKey: "op-no-url", requestId: "REQ-NO-URL" });
      expect(readdirSync(waitDir)).toEqual([]);
      expect(started.requests.filter((request) => request.method === "GET")).toEqual([]);
    },
  );

  it("Ctrl-C while waiting: exit 130, saying the job printed before is complete", async () => {
    const { service: pending, firstPoll } = await pendingExport("op-wait");
    const aidp = startAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(pending),
      "--wait",
      ...QUICK_POLLS,
    ]);
    await firstPoll;
    aidp.child.kill("SIGINT");
    const { code, stdout, stderr } = await aidp.result;
    expect(code).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ asyncOperationKey: "op-wait" });
    expect(stderr).toBe(
      "aidp: interrupted; 1 record had been written to standard output, complete; the wait for the log file was stopped before it was ready\n",
    );
  });

  it("Ctrl-C while waiting to download: says nothing was downloaded to FILE, and leaves no FILE", async () => {
    const downloadDir = mkdtempSync(join(dir, "interrupted-"));
    const { service: pending, firstPoll } = await pendingExport("op-dl");
    const file = join(downloadDir, "driver.log");
    const aidp = startAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(pending),
      "--download",
      file,
      ...QUICK_POLLS,
    ]);
    await firstPoll;
    aidp.child.kill("SIGINT");
    const { code, stderr } = await aidp.result;
    expect(code).toBe(130);
    expect(stderr).toBe(
      `aidp: interrupted; 1 record had been written to standard output, complete; nothing was downloaded to ${file}\n`,
    );
    expect(readdirSync(downloadDir)).toEqual([]);
  });

  it("a PAR URL that answers 403: exit 3 naming the status, never the URL", async () => {
    const forbidden = await exportService(
      "op-403",
      (response) => sendJson(response, 403, { code: "NotAuthorized", message: "expired" }),
      { parPath: "/p/SECRET-token/o/driver.log" },
    );
    const { code, stderr } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(forbidden),
      "--wait",
    ]);
    expect(code).toBe(3);
    expect(stderr).toBe("aidp: the log file's PAR URL answered 403 Forbidden\n");
  });

  it("on a terminal: a line says how long it has waited, then is erased", async () => {
    const logFile = join(dir, "terminal.log");
    const { code, stdout } = await startOnTerminal([
      ...DOWNLOAD_LOGS_COMMAND,
      ...atMock(),
      "--download",
      logFile,
      ...QUICK_POLLS,
    ]).result;
    expect(code).toBe(0);
    const eraseLine = `\r${String.fromCharCode(27)}[2K`;
    expect(stdout).toContain(`${eraseLine}waiting for the log file: `);
    const lastLine = stdout.slice(stdout.lastIndexOf("waiting for the log file: "));
    expect(lastLine).toMatch(/^waiting for the log file: \d+(\.\d)? m?s\r/);
    expect(lastLine.slice(lastLine.indexOf("\r")).startsWith(eraseLine), "erased").toBe(true);
    expect(stdout).toContain(`aidp: downloaded`);
  });

  it("--output table: the table, then the PAR URL whole on a line of its own, on an 80-column terminal too", async () => {
    const parUrl = `http://127.0.0.1:9/p/${"long-par-token-".repeat(8)}/n/ns/b/logs/o/driver.log`;
    const started = await startFakeService((_request, response) =>
      sendJson(
        response,
        202,
        {},
        {
          "aidp-async-operation-key": "op-table",
          "datalake-cluster-log-par-url": parUrl,
          "opc-request-id": "REQ-TABLE",
        },
      ),
    );
    const { code, stdout, stderr } = await startOnTerminal(
      [...DOWNLOAD_LOGS_COMMAND, ...fakeServiceFlags(started), "--output", "table"],
      { columns: 80 },
    ).result;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.replaceAll("\r\n", "\n").trimEnd().split("\n");
    expect(lines.at(-1)).toBe(parUrl);
    expect(lines.at(-2)).toBe("logParUrl:");
    const table = lines.slice(0, -2).join("\n");
    expect(table).toContain("op-table");
    expect(table).toContain("REQ-TABLE");
    expect(table).not.toContain("long-par-token");
  });

  it("--download in a folder that does not exist: exit 2 before anything is sent", async () => {
    const { code, stderr } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...atMock(),
      "--download",
      join(dir, "missing", "driver.log"),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--download ${join(dir, "missing", "driver.log")}: the folder`);
  });
});
