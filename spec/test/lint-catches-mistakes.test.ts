// A mistake in the spec fails the build's lint step with a message that names the file and line.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runToExit } from "@aidp/test-support";
import { afterEach, describe, expect, it } from "vitest";

/** Redocly lints the spec in a second or two; the bound leaves room for a busy machine. */
const LINT_TIMEOUT_MS = 20_000;
const specDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = join(specDir, "..");
const searchPath = "paths/20260430_aiDataPlatforms_{aiDataPlatformId}_actions_searchAuditLogs.yaml";
const downloadPath =
  "paths/20260430_aiDataPlatforms_{aiDataPlatformId}_workspaces_{workspaceKey}_clusters_{clusterKey}_actions_downloadLogs.yaml";
const copies: string[] = [];

/** Lints a copy of the spec after `mistake` edited it; resolves to the exit code and all output. */
async function lintCopyWith(mistake: (dir: string) => void) {
  const root = mkdtempSync(join(tmpdir(), "aidp-spec-lint-"));
  copies.push(root);
  for (const entry of ["openapi.yaml", "paths", "components", "lint"]) {
    cpSync(join(specDir, entry), join(root, "spec", entry), { recursive: true });
  }
  cpSync(join(repoRoot, "redocly.yaml"), join(root, "redocly.yaml"));
  mistake(join(root, "spec"));
  const redocly = join(specDir, "node_modules", ".bin", "redocly");
  const { exit, stdout, stderr } = await runToExit(
    redocly,
    ["lint", "openapi.yaml", "--config", "../redocly.yaml"],
    {
      cwd: join(root, "spec"),
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      timeoutMs: LINT_TIMEOUT_MS,
    },
  );
  return { code: exit.code, output: stdout + stderr };
}

function edit(file: string, from: string, to: string) {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("redocly lint of the spec", () => {
  it("passes on the spec as it is", async () => {
    const { code, output } = await lintCopyWith(() => {});
    expect(output).toContain("Woohoo");
    expect(code).toBe(0);
  }, 30_000);

  it("names the example file and line of an enum value the schema does not allow", async () => {
    const { code, output } = await lintCopyWith((dir) =>
      edit(
        join(dir, "components/examples/AuditLogSearchResultFailed.yaml"),
        "operation: DELETE",
        "operation: DESTROY",
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/components\/examples\/AuditLogSearchResultFailed\.yaml:\d+:\d+/);
    expect(output).toContain("DESTROY");
  }, 30_000);

  it("names the path file and line of an operation that lost its 429", async () => {
    const { code, output } = await lintCopyWith((dir) =>
      edit(
        join(dir, searchPath),
        '    "429":\n      $ref: ../components/responses/TooManyRequests.yaml\n',
        "",
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`${searchPath}:`);
    expect(output).toContain("rule/operation-has-every-error-response");
  }, 30_000);

  it("names a property without a description", async () => {
    const { code, output } = await lintCopyWith((dir) =>
      edit(
        join(dir, "components/schemas/AuditLogSearchResultSummary.yaml"),
        "    description: Payload of logs.\n",
        "",
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/components\/schemas\/AuditLogSearchResultSummary\.yaml:\d+:\d+/);
    expect(output).toContain("`payload` has no description");
  }, 30_000);

  const pagination = [searchPath, "aidp/pagination-extension"] as const;
  const asyncExport = [downloadPath, "aidp/async-export-extension"] as const;
  it.each([
    [
      ...pagination,
      "pageParameter: page",
      "pageParameter: pageToken",
      "`pageToken`, which is not a query parameter",
    ],
    [
      ...pagination,
      "pageSizeParameter: limit",
      "pageSizeParameter: page",
      "`page`, which is not an integer query parameter",
    ],
    [
      ...pagination,
      "nextPageHeader: opc-next-page",
      "nextPageHeader: opc-next",
      "`opc-next`, which is not a header of the 200",
    ],
    [...pagination, "itemsField: items", "itemsField: records", "`records`, which is not an array property"],
    [
      ...asyncExport,
      "operationKeyHeader: aidp-async-operation-key",
      "operationKeyHeader: aidp-operation-key",
      "`aidp-operation-key`, which is not a header of the 202",
    ],
    [
      ...asyncExport,
      "fileUrlHeader: datalake-cluster-log-par-url",
      "fileUrlHeader: opc-request-id",
      "`opc-request-id`, a pre-authenticated URL, which must be marked `x-aidp-secret: true`",
    ],
    [
      ...asyncExport,
      "fileUrlHeader: datalake-cluster-log-par-url",
      "fileUrlHeader: aidp-async-operation-key",
      "one header for both the operation key and the file URL",
    ],
  ])(
    "names the line of an operation's extension that is wrong (%s, %s: %s -> %s)",
    async (file, rule, from, to, message) => {
      const { code, output } = await lintCopyWith((dir) => edit(join(dir, file), from, to));
      expect(code).not.toBe(0);
      expect(output).toContain(`${file}:`);
      expect(output).toContain(rule);
      expect(output).toContain(message);
    },
    30_000,
  );

  it("names the line of an x-aidp-secret that is not `true`", async () => {
    const { code, output } = await lintCopyWith((dir) =>
      edit(
        join(dir, "components/parameters/OpcRetryToken.yaml"),
        "x-aidp-secret: true",
        "x-aidp-secret: yes",
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/components\/parameters\/OpcRetryToken\.yaml:\d+:\d+/);
    expect(output).toContain("aidp/secret-extension");
  }, 30_000);

  it("names the line of an x-aidp-secret on a schema, where nothing reads it", async () => {
    const { code, output } = await lintCopyWith((dir) =>
      edit(
        join(dir, "components/schemas/SearchAuditLogsDetails.yaml"),
        "    description: Query to search the log.\n",
        "    description: Query to search the log.\n    x-aidp-secret: true\n",
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/components\/schemas\/SearchAuditLogsDetails\.yaml:\d+:\d+/);
    expect(output).toContain("aidp/secret-extension");
  }, 30_000);

  it.each([
    [
      "x-aidp-call-header: retry-token",
      "x-aidp-call-header: idempotency",
      "is one of request-id, retry-token",
    ],
    ["in: header", "in: query", "belongs on a header parameter"],
  ])(
    "names the line of an x-aidp-call-header that is wrong (%s -> %s)",
    async (from, to, message) => {
      const { code, output } = await lintCopyWith((dir) =>
        edit(join(dir, "components/parameters/OpcRetryToken.yaml"), from, to),
      );
      expect(code).not.toBe(0);
      expect(output).toMatch(/components\/parameters\/OpcRetryToken\.yaml:\d+:\d+/);
      expect(output).toContain("aidp/call-header-extension");
      expect(output).toContain(message);
    },
    30_000,
  );

  it.each([
    ["x-aidp-not-after: timeEnd", "x-aidp-not-after: timeFinish"],
    ["x-aidp-not-after: timeEnd", "x-aidp-not-after: objectName"],
  ])(
    "names the line of an x-aidp-not-after that names no date-time sibling (%s -> %s)",
    async (from, to) => {
      const { code, output } = await lintCopyWith((dir) =>
        edit(join(dir, "components/schemas/SearchAuditLogsDetails.yaml"), from, to),
      );
      expect(code).not.toBe(0);
      expect(output).toMatch(/components\/schemas\/SearchAuditLogsDetails\.yaml:\d+:\d+/);
      expect(output).toContain("aidp/not-after-extension");
    },
    30_000,
  );
});
