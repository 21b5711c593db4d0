// The OCI CLI's global --request-id sets the opc-request-id header (the id to give Oracle support), the same on
// every attempt; download-logs' body field of that name, a filter of the logs, is --log-request-id.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-cli-request-id-"));
const parUrlFile = join(dir, "par-url.txt");
/**
 * Answers 503 to the first request of each test (the requests are cleared before each), then success: a retry
 * must keep the id.
 */
const server = useFakeService((request, response, index) => {
  if (index === 0)
    return sendJson(response, 503, { code: "ServiceUnavailable", message: "busy" }, { "retry-after": "0" });
  if (request.url.includes("downloadLogs"))
    return sendJson(response, 202, {}, { "aidp-async-operation-key": "op-1", "opc-request-id": "echo" });
  sendJson(response, 200, { items: [] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--request-id", () => {
  it.each([
    ["audit", "search-logs"],
    [...DOWNLOAD_LOGS_COMMAND, "--par-url-file", parUrlFile],
  ])("%s %s: is the opc-request-id header of every attempt, and what --debug shows", async (...command) => {
    const { code, stderr } = await runAidp([
      ...command,
      ...fakeServiceFlags(server),
      "--request-id",
      "CI-run-42_a",
      "--debug",
    ]);
    expect(code).toBe(0);
    expect(server.requests.map((request) => request.headers["opc-request-id"])).toEqual([
      "CI-run-42_a",
      "CI-run-42_a",
    ]);
    expect(stderr).toContain("attempt 1: 503");
    expect(stderr.match(/opc-request-id \S+/g)).toEqual([
      "opc-request-id CI-run-42_a",
      "opc-request-id CI-run-42_a",
    ]);
  });

  it("a value the spec's pattern refuses: exit 2 naming --request-id, nothing sent", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--request-id",
      "a b",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('  - --request-id: expected to match ^[a-zA-Z0-9_-]+$, got "a b"');
    expect(server.requests).toHaveLength(0);
  });

  it("download-logs --log-request-id is the body's opcRequestId filter, not the header", async () => {
    const { code } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(server),
      "--par-url-file",
      parUrlFile,
      "--log-request-id",
      "SPARK-REQ-7",
      "--no-retry",
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(server.requests[0]?.body ?? "{}")).toMatchObject({ opcRequestId: "SPARK-REQ-7" });
    expect(server.requests[0]?.headers["opc-request-id"]).not.toBe("SPARK-REQ-7");
  });
});
