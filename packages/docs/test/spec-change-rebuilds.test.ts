// A change to an operation's description in the spec reaches the built page with no other edit.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDocs } from "../scripts/build-docs.ts";

const require = createRequire(import.meta.url);
const workDir = mkdtempSync(join(tmpdir(), "aidp-docs-"));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("building from a changed spec", () => {
  it("shows the changed operation description", () => {
    // The docs build's own input, edited: this rebuilds the site from a changed document, so it reads the document.
    const original = readFileSync(require.resolve("@aidp/spec/openapi.yaml"), "utf8");
    const marker = `Changed description ${Date.now()}`;
    const changed = original.replace("Searches audit logs for AI Data Platform Workbench.", marker);
    expect(changed).not.toBe(original);
    const bundleYaml = join(workDir, "openapi.yaml");
    writeFileSync(bundleYaml, changed);
    copyFileSync(require.resolve("@aidp/spec/openapi.json"), join(workDir, "openapi.json"));

    const page = readFileSync(buildDocs({ bundleYaml, outDir: join(workDir, "site") }), "utf8");

    expect(page).toContain(marker);
    expect(page).not.toContain("Searches audit logs for AI Data Platform Workbench.");
  });
});
