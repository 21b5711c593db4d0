// The validator's rules and the types come from the spec: a new enum value in the bundle shows up in both
// generated files with no hand edit, and the committed files are what the current spec generates.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The document itself, not its facts: the cases below write deliberately wrong copies of it for the generators.
const bundle = JSON.parse(readFileSync(require.resolve("@aidp/spec/openapi.json"), "utf8"));
const clientDir = fileURLToPath(new URL("..", import.meta.url));
/** Where @aidp/types keeps its committed generated files, found by the package's name. */
const typesGeneratedDir = join(dirname(require.resolve("@aidp/types/package.json")), "src", "generated");
const work = mkdtempSync(join(tmpdir(), "aidp-generate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function generate(spec: unknown) {
  const bundlePath = join(work, "openapi.json");
  writeFileSync(bundlePath, JSON.stringify(spec));
  const rulesPath = join(work, "operations.ts");
  execFileSync(process.execPath, [join(clientDir, "scripts/generate-operations.ts"), bundlePath, rulesPath]);
  // @aidp/types' own `generate` script, called by the package's name: [bundle.json] [output directory].
  execFileSync("pnpm", ["--filter", "@aidp/types", "--silent", "run", "generate", bundlePath, work], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return {
    rules: readFileSync(rulesPath, "utf8"),
    schemas: readFileSync(join(work, "schemas.ts"), "utf8"),
    openapi: readFileSync(join(work, "openapi.ts"), "utf8"),
  };
}

/**
 * Each case runs both generators (openapi-typescript and ours) as child processes: about 2 s on a quiet machine,
 * 20 s and more beside CPU-bound work, past the package's 20 s default.
 */
const GENERATE_TIMEOUT_MS = 120_000;

describe("generated code", { timeout: GENERATE_TIMEOUT_MS }, () => {
  it("is exactly what the current spec generates", () => {
    const generated = generate(bundle);
    expect(generated.rules).toBe(readFileSync(join(clientDir, "src/generated/operations.ts"), "utf8"));
    expect(generated.schemas).toBe(readFileSync(join(typesGeneratedDir, "schemas.ts"), "utf8"));
    expect(generated.openapi).toBe(readFileSync(join(typesGeneratedDir, "openapi.ts"), "utf8"));
  });

  it("follows a new enum value into the types and the validator with no hand edit", () => {
    const changed = structuredClone(bundle);
    changed.components.schemas.Status.enum.push("IN_PROGRESS");
    const generated = generate(changed);
    expect(generated.openapi).toMatch(/Status: "SUCCEEDED" \| "FAILED" \| "IN_PROGRESS"/);
    expect(generated.schemas).toContain('StatusValues = ["SUCCEEDED","FAILED","IN_PROGRESS"]');
    const statusRules = /"status": \{\s*"type": "string",\s*"enum": \[([^\]]*)\]/.exec(generated.rules)?.[1];
    expect(statusRules?.replace(/\s/g, "")).toBe('"SUCCEEDED","FAILED","IN_PROGRESS"');
  });

  it("follows a new response header, its secrecy and the paging extension with no hand edit", () => {
    const changed = structuredClone(bundle);
    const search = changed.paths["/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs"].post;
    search.responses["200"].headers["opc-prev-page"] = {
      description: "The token of the previous page.",
      schema: { type: "string" },
      "x-aidp-secret": true,
    };
    search["x-aidp-pagination"].nextPageHeader = "opc-prev-page";
    const generated = generate(changed);
    expect(generated.rules).toMatch(/"opc-prev-page": \{\s*"secret": true\s*\}/);
    expect(generated.rules).toMatch(/"nextPageHeader": "opc-prev-page"/);
    expect(generated.openapi).toMatch(/"opc-prev-page"\?: string;/);
  });
  it("takes the export's result headers and the page-size parameter's name from the spec", () => {
    const changed = structuredClone(bundle);
    const download =
      changed.paths[
        "/20260430/aiDataPlatforms/{aiDataPlatformId}/workspaces/{workspaceKey}/clusters/{clusterKey}/actions/downloadLogs"
      ].post;
    const accepted = download.responses["202"].headers;
    accepted["aidp-export-key"] = accepted["aidp-async-operation-key"];
    download["x-aidp-async-export"].operationKeyHeader = "aidp-export-key";
    changed.components.parameters.Limit.name = "pageSize";
    const search = changed.paths["/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs"].post;
    search["x-aidp-pagination"].pageSizeParameter = "pageSize";
    const generated = generate(changed);
    expect(generated.rules).toMatch(
      /"asyncExport": \{\s*"operationKeyHeader": "aidp-export-key",\s*"fileUrlHeader": "datalake-cluster-log-par-url"\s*\}/,
    );
    // The client reads no page-size fact (only the mock does): the renamed parameter is simply one of its parameters.
    expect(generated.rules).toMatch(/"pageSize": \{\s*"in": "query"/);
    expect(generated.rules).not.toMatch(/pageSizeParameter/);
  });

  it("takes the per-call headers and the time-window rule from the spec's extensions", () => {
    const changed = structuredClone(bundle);
    changed.components.parameters.OpcRetryToken.name = "opc-idempotency-key";
    const details = changed.components.schemas.SearchAuditLogsDetails.properties;
    delete details.timeBegin["x-aidp-not-after"];
    details.timeEnd["x-aidp-not-after"] = "timeBegin";
    const generated = generate(changed);
    expect(generated.rules).toContain(
      'callHeaders = {"requestId":"opc-request-id","retryToken":"opc-idempotency-key"}',
    );
    const searchBody = generated.rules.slice(generated.rules.indexOf("searchAuditLogsFacts"));
    expect(searchBody).toMatch(/"timeEnd": \{[^}]*"notAfter": "timeBegin"/);
    expect(searchBody).not.toMatch(/"timeBegin": \{[^}]*"notAfter"/);
  });

  it("refuses two header names for one per-call role", () => {
    const changed = structuredClone(bundle);
    changed.components.parameters.OpcRetryToken["x-aidp-call-header"] = "request-id";
    expect(() => generate(changed)).toThrow(/x-aidp-call-header request-id names both/);
  });
  it("refuses a parameter named details on an operation with a body (it would hide the body's input)", () => {
    const changed = structuredClone(bundle);
    changed.components.parameters.Limit.name = "details";
    const search = changed.paths["/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs"].post;
    search["x-aidp-pagination"].pageSizeParameter = "details"; // still the page size, under the new name
    expect(() => generate(changed)).toThrow(/searchAuditLogs: a parameter named "details"/);
  });
  it("refuses a cookie parameter (the client sends path, query and header parameters only)", () => {
    const changed = structuredClone(bundle);
    const search = changed.paths["/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs"].post;
    search.parameters.push({ name: "session", in: "cookie", schema: { type: "string" } });
    expect(() => generate(changed)).toThrow(/searchAuditLogs: cookie parameter "session"/);
  });
});
