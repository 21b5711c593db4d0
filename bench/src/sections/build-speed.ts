// Section 5: build speed on a temporary clone of the repository (its own, empty turbo cache; the working
// tree's caches are left alone): cold `pnpm build` after install, a no-op rebuild, and a rebuild after
// editing one spec description.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchRoot } from "../measure/run-child.ts";
import { fixed, markdownTable, targetLine } from "../report/markdown.ts";

const editedSpecFile = "spec/components/schemas/AuditLogSearchResultSummary.yaml";
const editedLine = "description: Search result for audit log search request.";

function timedRun(command: string, args: string[], cwd: string): { seconds: number; output: string } {
  const started = performance.now();
  const output = execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 300_000,
    env: { ...process.env, DO_NOT_TRACK: "1", TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" },
  });
  return { seconds: (performance.now() - started) / 1000, output };
}

/** Turbo's summary line, e.g. "Cached:    7 cached, 7 total". */
const cachedLine = (output: string) => output.match(/Cached:\s+(.*)/)?.[1]?.trim() ?? "?";

export async function buildSpeedSection(): Promise<string> {
  const repoRoot = execFileSync("git", ["rev-parse", "--show-toplevel"], {
    cwd: benchRoot,
    encoding: "utf8",
  }).trim();
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: repoRoot,
    encoding: "utf8",
  }).trim();
  const workDir = mkdtempSync(join(tmpdir(), "aidp-bench-build-"));
  const clone = join(workDir, "repo");
  try {
    execFileSync("git", ["clone", "--quiet", repoRoot, clone]);
    // In this team's checkouts installs are serialised through /tmp/pnpm.lock; flock creates it if missing.
    const install = timedRun(
      "flock",
      ["/tmp/pnpm.lock", "pnpm", "install", "--frozen-lockfile", "--prefer-offline"],
      clone,
    );
    const cold = timedRun("pnpm", ["build"], clone);
    const noop = timedRun("pnpm", ["build"], clone);
    const specPath = join(clone, editedSpecFile);
    const spec = readFileSync(specPath, "utf8");
    if (!spec.includes(editedLine))
      throw new Error(`${editedSpecFile} no longer has the line the bench edits`);
    writeFileSync(specPath, spec.replace(editedLine, `${editedLine.slice(0, -1)} (edited by the bench).`));
    const edited = timedRun("pnpm", ["build"], clone);
    const rows = [
      ["`pnpm install --frozen-lockfile --prefer-offline` (for reference)", fixed(install.seconds), "—"],
      ["cold `pnpm build` (empty turbo cache)", fixed(cold.seconds), cachedLine(cold.output)],
      ["no-op `pnpm build`", fixed(noop.seconds), cachedLine(noop.output)],
      ["`pnpm build` after editing one spec description", fixed(edited.seconds), cachedLine(edited.output)],
    ];
    return [
      "## 5. Build",
      "",
      `A fresh \`git clone\` of the committed tree (${commit}) in a temporary folder, so turbo starts with an ` +
        `empty cache; the edit changes the description of \`${editedSpecFile}\`. Wall seconds.`,
      "",
      markdownTable(["step", "seconds", "turbo tasks"], rows),
      "",
      targetLine(
        noop.seconds < 2 && noop.output.includes("FULL TURBO"),
        "no-op rebuild under 2 s, full cache hit",
        `${fixed(noop.seconds, 2)} s, ${noop.output.includes("FULL TURBO") ? "FULL TURBO" : "not a full cache hit"}`,
      ),
    ].join("\n");
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
