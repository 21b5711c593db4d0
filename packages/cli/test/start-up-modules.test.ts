// What answers without connecting does not load @aidp/client/node (the credentials, the workload identities and
// the region files; about 15 ms): --version, help, completion and usage errors. Only a command that connects loads
// it. Nor does a command load string-width (an Intl.Segmenter built as it loads) until yargs asks for a width: the
// bundle gives yargs src/lazy-string-width.ts in its place. The built bin runs with a preload that records every
// module it loads (support/record-modules.mjs).
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
): Promise<{ code: number | null; modules: string[]; stdout: string }> {
  const file = join(dir, `modules-${++runs}.txt`);
  const { code, stdout } = await runAidp(args, {
    env: {
      ...env,
      NODE_OPTIONS: [env.NODE_OPTIONS, `--import=${recorder}`].filter(Boolean).join(" "),
      AIDP_TEST_MODULES_FILE: file,
    },
  });
  return { code, modules: readFileSync(file, "utf8").split("\n").filter(Boolean), stdout };
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

describe("string-width is loaded only when yargs lays out text", () => {
  const realStringWidth = (url: string) => /\/string-width\/index\.js$/.test(url);

  it("a usage error: yargs answers (exit 2), the real module is not loaded", async () => {
    const { code, modules } = await modulesOf(["audit", "search-logs", "--bogus"]);
    expect(code).toBe(2);
    expect(modules.some((url) => /\/dist\/main\.js$/.test(url))).toBe(true);
    expect(modules.filter(realStringWidth)).toEqual([]);
  });

  it("help that yargs renders (German): the stand-in loads the real module, and the layout is the same", async () => {
    const german = await modulesOf(["audit", "search-logs", "--help"], { LANG: "de_DE" });
    expect(german.code).toBe(0);
    expect(german.modules.some(realStringWidth)).toBe(true);
    // The English help is pre-rendered at build time, laid out by string-width itself; the German one is laid out
    // now, through the stand-in. Before yargs' own (translated) words, every line and column is the same.
    const english = await modulesOf(["audit", "search-logs", "--help"]);
    const flagsPart = (help: string, heading: string) => help.slice(0, help.indexOf(`\n${heading}:`));
    expect(flagsPart(english.stdout, "Options").length).toBeGreaterThan(1000);
    expect(flagsPart(german.stdout, "Optionen")).toBe(flagsPart(english.stdout, "Options"));
  });

  it("a Node that cannot require an ES module (22.0 to 22.11): the real module up front, and yargs' help renders", async () => {
    const german = await modulesOf(["audit", "search-logs", "--help"], {
      LANG: "de_DE",
      NODE_OPTIONS: "--no-experimental-require-module",
    });
    expect(german.code).toBe(0);
    expect(german.stdout).toContain("Optionen:");
    expect(german.modules.some(realStringWidth)).toBe(true);
  });
});

describe("undici (npm) is loaded only for timeouts the runtime's fetch does not have", () => {
  const npmUndici = (url: string) => url.includes("/undici/lib/");
  const refused = ["audit", "search-logs", "--instance-id", "x", "--auth", "none", "--no-retry"];

  it("the default timeouts (10 s to connect, 60 s to read): the runtime's fetch, no undici", async () => {
    const { code, modules } = await modulesOf([...refused, "--endpoint", "http://127.0.0.1:9"]);
    expect(code).toBe(4); // connection refused: the request was sent
    // The bundle's chunk of src/network.ts.
    expect(modules.some((url) => /\/dist\/network-\w+\.js$/.test(url))).toBe(true);
    expect(modules.filter(npmUndici)).toEqual([]);
  });

  it("a --connection-timeout of the user's: undici's Agent", async () => {
    const { code, modules } = await modulesOf([
      ...refused,
      "--endpoint",
      "http://127.0.0.1:9",
      "--connection-timeout",
      "5",
    ]);
    expect(code).toBe(4);
    expect(modules.some(npmUndici)).toBe(true);
  });
});
