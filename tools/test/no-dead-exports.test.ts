// No module exports what nothing imports: an export is a promise to other modules (and, from a package's entry,
// to its users), so one that nothing takes up is either dead code or an API nobody asked for. Found by knip
// with the repository's knip.json, which names each package's entry points (what a package publishes, its bins,
// scripts and tests): their exports are the public API and are not counted. A fixture shows the check can fail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runToExit } from "@aidp/test-support";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const knip = fileURLToPath(new URL("../node_modules/.bin/knip", import.meta.url));
/** knip reads the whole workspace in seconds; the bound leaves room for a machine under load. */
const KNIP_TIMEOUT_MS = 120_000;

interface KnipReport {
  issues: { file: string; exports: { name: string }[] }[];
}

/** `file: name` for every export of `directory` that nothing imports. */
async function unusedExports(directory: string): Promise<string[]> {
  const { exit, stdout, stderr } = await runToExit(
    knip,
    ["--include", "exports", "--no-progress", "--reporter", "json", "--directory", directory],
    { cwd: directory, timeoutMs: KNIP_TIMEOUT_MS },
  );
  // knip exits 1 when it finds something; anything else is knip failing.
  if (exit.code !== 0 && exit.code !== 1) throw new Error(`knip failed (${exit.code}): ${stderr}`);
  const report = JSON.parse(stdout) as KnipReport;
  return report.issues.flatMap((issue) => issue.exports.map((found) => `${issue.file}: ${found.name}`));
}

const fixtures: string[] = [];
afterAll(() => {
  for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
});

describe("exports nothing imports", () => {
  it(
    "there are none in the workspace",
    async () => {
      expect(await unusedExports(repoRoot)).toEqual([]);
    },
    KNIP_TIMEOUT_MS,
  );

  it(
    "one is found, by file and name, in a package whose entry leaves an export unused",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "aidp-dead-export-"));
      fixtures.push(dir);
      mkdirSync(join(dir, "src"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "fixture", type: "module" }));
      writeFileSync(
        join(dir, "knip.json"),
        JSON.stringify({ entry: ["src/index.ts"], project: ["src/*.ts"] }),
      );
      writeFileSync(
        join(dir, "src/index.ts"),
        'import { used } from "./words.ts";\nexport const main = used;\n',
      );
      writeFileSync(
        join(dir, "src/words.ts"),
        'export const used = "kept";\nexport const unused = "an export nothing imports";\n',
      );
      expect(await unusedExports(dir)).toEqual(["src/words.ts: unused"]);
    },
    KNIP_TIMEOUT_MS,
  );
});
