// A script that asks for JSON (`-o json`, `--output=json`, `--output json`, or ndjson) gets every failure as one
// JSON document on standard error: the exit code, the kind, the words, and what is known of the request (the
// service's status and code, the opc-request-id the service saw, the attempt) or of the invalid flags. The default
// output (json too) keeps the words on standard error, as before. Standard output stays empty on failure.
import { type RunningMock, startMock } from "@aidp/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deferred } from "./support/deferred.ts";
import { searchLogsAt } from "./support/fake-service.ts";
import { jsonError } from "./support/json-error.ts";
import { runAidp, startAidp } from "./support/run-aidp.ts";
import { useFakeServices } from "./support/use-fake-service.ts";

const startFakeService = useFakeServices();

const LIMIT_WORDS = "aidp: invalid request; nothing was sent:\n  - --limit: expected at most 1000, got 5000";

describe("which command lines get JSON errors", () => {
  it.each([
    ["-o json", ["-o", "json"]],
    ["--output=json", ["--output=json"]],
    ["--output json", ["--output", "json"]],
    ["-o ndjson", ["-o", "ndjson"]],
  ])("%s: the validation error as JSON, issues naming the flag, nothing sent", async (_name, output) => {
    const server = await startFakeService(() => {});
    const { code, stdout, stderr } = await runAidp(searchLogsAt(server.url, "--limit", "5000", ...output));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(jsonError(stderr)).toEqual({
      exitCode: 2,
      kind: "validation",
      message: LIMIT_WORDS,
      status: null,
      code: null,
      opcRequestId: null,
      attempt: null,
      issues: [{ flag: "--limit", field: "limit", rule: "maximum", expected: "at most 1000", got: "5000" }],
    });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["the default output (json, not asked for)", []],
    ["-o csv", ["-o", "csv"]],
    ["--output table", ["--output", "table"]],
  ])("%s: the words, as before", async (_name, output) => {
    const server = await startFakeService(() => {});
    const { code, stderr } = await runAidp(searchLogsAt(server.url, "--limit", "5000", ...output));
    expect(code).toBe(2);
    expect(stderr).toBe(`${LIMIT_WORDS}\n`);
    expect(() => JSON.parse(stderr)).toThrow(SyntaxError);
    expect(server.requests).toHaveLength(0);
  });

  it("every broken rule is an issue; a missing value has got null and names the flag and its variable", async () => {
    const server = await startFakeService(() => {});
    const args = ["audit", "search-logs", "--auth", "none", "--endpoint", server.url, "-o", "json"];
    const { code, stderr } = await runAidp([...args, "--limit", "0", "--sort-order", "sideways"]);
    expect(code).toBe(2);
    const error = jsonError(stderr);
    expect(error.kind).toBe("validation");
    const issues = error.issues as Record<string, unknown>[];
    expect(issues.map((issue) => [issue.flag, issue.rule, issue.got])).toEqual([
      ["--instance-id", "required", null],
      ["--limit", "minimum", "0"],
      ["--sort-order", "enum", '"sideways"'],
    ]);
    expect(error.message).toContain("  - --instance-id: required (give the flag, or set AIDP_INSTANCE_ID)");
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["an unknown flag", ["--bogus"], "Unknown argument: bogus"],
    ["a flag without its value", ["--request-id"], "Not enough arguments following: request-id"],
    // A trailing -o took the default (json) without a word.
    ["an output flag without its value", ["-o"], "Not enough arguments following: o"],
  ])(
    "a command line yargs rejects (%s): kind usage, exit 2; the words without -o json",
    async (_name, flags, words) => {
      const asked = await runAidp(["audit", "search-logs", "-o", "json", ...flags]);
      expect(asked.code).toBe(2);
      const error = jsonError(asked.stderr);
      expect([error.exitCode, error.kind]).toEqual([2, "usage"]);
      expect(error.message).toBe(
        `aidp: ${words}\nRun \`aidp --help\` (or \`aidp <command> <subcommand> --help\`) for usage.`,
      );
      const plain = await runAidp(["audit", "search-logs", ...flags]);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toBe(`${error.message}\n`);
    },
  );
});

describe("what a JSON error knows of the request", () => {
  it("a server that never answers: kind timeout, exit 4, the opc-request-id the server saw and the last attempt", async () => {
    const server = await startFakeService(() => {});
    const { code, stdout, stderr } = await runAidp(
      searchLogsAt(server.url, "-o", "json", "--read-timeout", "0.5", "--max-retries", "1"),
    );
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(server.requests).toHaveLength(2);
    const sentIds = server.requests.map((request) => request.headers["opc-request-id"]);
    expect(sentIds[0]).toMatch(/^[0-9A-F]{32}$/);
    expect(sentIds[1]).toBe(sentIds[0]);
    const error = jsonError(stderr);
    expect(error).toMatchObject({
      exitCode: 4,
      kind: "timeout",
      status: null,
      code: null,
      opcRequestId: sentIds[0],
      attempt: 2,
      issues: null,
    });
    expect(error.message).toBe(
      `aidp: timed out: searchAuditLogs failed: waiting for the answer of ${new URL(server.url).host}: no answer within the --read-timeout of 0.5 s (UND_ERR_HEADERS_TIMEOUT) (opc-request-id ${sentIds[0]}, attempt 2)`,
    );
  });

  it("Ctrl-C while a request is in flight: kind interrupted, exit 130, that request's id and attempt", async () => {
    const { promise: inFlight, resolve: reached } = deferred();
    const server = await startFakeService(() => reached());
    const aidp = startAidp(searchLogsAt(server.url, "--output=ndjson"));
    await inFlight;
    aidp.child.kill("SIGINT");
    const { code, stdout, stderr } = await aidp.result;
    expect(code).toBe(130);
    expect(stdout).toBe("");
    const sentId = server.requests[0]?.headers["opc-request-id"];
    expect(jsonError(stderr)).toMatchObject({
      exitCode: 130,
      kind: "interrupted",
      message: `aidp: interrupted (opc-request-id ${sentId}, attempt 1); nothing was written`,
      opcRequestId: sentId,
      attempt: 1,
    });
  });

  describe("the mock answers 401 (it requires an Authorization header; --auth none sends none)", () => {
    let mock: RunningMock | undefined;
    beforeAll(async () => {
      mock = await startMock({ port: 0, requireAuth: true });
    });
    afterAll(() => mock?.stop());

    it("kind service, exit 3: the status, the service's code and the opc-request-id of its answer", async () => {
      const { code, stdout, stderr } = await runAidp([
        ...searchLogsAt(mock?.url ?? "", "-o", "json", "--request-id", "json-errors-401"),
      ]);
      expect(code).toBe(3);
      expect(stdout).toBe("");
      const error = jsonError(stderr);
      expect(error).toMatchObject({
        exitCode: 3,
        kind: "service",
        status: 401,
        code: "NotAuthenticated",
        opcRequestId: "json-errors-401",
        attempt: null,
        issues: null,
      });
      expect(error.message).toBe(
        "aidp: searchAuditLogs failed with 401 NotAuthenticated: The request has no Authorization header. (opc-request-id json-errors-401)",
      );
      // The same failure without -o json: the words that are the JSON's message.
      const words = await runAidp(searchLogsAt(mock?.url ?? "", "--request-id", "json-errors-401"));
      expect(words.code).toBe(3);
      expect(words.stderr).toBe(`${error.message}\n`);
    });
  });
});
