// What answers without connecting does not load @aidp/client/node (the credentials, the workload identities and
// the region files; about 15 ms): --version, help, completion and usage errors. Only a command that connects loads
// it. The built bin runs with a preload that records every module it resolves (support/record-modules.mjs).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";

afterEach(endAidpProcesses);
const dir = mkdtempSync(join(tmpdir(), "aidp-start-up-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recorder = fileURLToPath(new URL("./support/record-modules.mjs", import.meta.url));
const nodeEntry = import.meta.resolve("@aidp/client/node");
let runs = 0;

/** The exit code of `aidp ARGS`, and the URLs of the modules it resolved. */
async function modulesOf(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; modules: string[] }> {
  const file = join(dir, `modules-${++runs}.txt`);
  const { code } = await runAidp(args, {
    env: { ...env, NODE_OPTIONS: `--import=${recorder}`, AIDP_TEST_MODULES_FILE: file },
  });
  return { code, modules: readFileSync(file, "utf8").split("\n").filter(Boolean) };
}

describe("@aidp/client/node is loaded only to connect", () => {
  it.each<[string, string[], number, Record<string, string>?]>([
    ["--version", ["--version"], 0],
    ["--help", ["--help"], 0],
    ["a command's --help", ["audit", "search-logs", "--help"], 0],
    [
      "a command's --help in German (yargs renders it)",
      ["audit", "search-logs", "--help"],
      0,
      { LANG: "de_DE" },
    ],
    ["the completion script", ["completion"], 0],
    ["a Tab on a command name", ["--get-yargs-completions", "aidp", "audit", ""], 0],
    ["a Tab after --auth", ["--get-yargs-completions", "aidp", "audit", "search-logs", "--auth", ""], 0],
    ["an unknown flag", ["audit", "search-logs", "--bogus"], 2],
    ["a value not among a flag's choices", ["audit", "search-logs", "--output", "xml"], 2],
  ])("%s: not loaded", async (_, args, exitCode, env) => {
    const { code, modules } = await modulesOf(args, env);
    expect(code).toBe(exitCode);
    expect(modules.length).toBeGreaterThan(0);
    expect(modules).not.toContain(nodeEntry);
  });

  it("a command that connects: loaded (the recording sees it)", async () => {
    const { code, modules } = await modulesOf([
      "audit",
      "search-logs",
      "--instance-id",
      "x",
      "--auth",
      "none",
      "--endpoint",
      "127.0.0.1:9",
    ]);
    expect(code).toBe(2); // the endpoint has no scheme: resolveConnection says so, after loading
    expect(modules).toContain(nodeEntry);
  });
});
