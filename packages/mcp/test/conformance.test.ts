// Third-party clients against the HTTP transport of the built bin: the official conformance suite's server
// scenarios that a domain server can pass (the others need the reference server's fixture tools), and the
// Inspector's command-line mode listing the tools and calling the search.
import { fileURLToPath } from "node:url";
import { runToExit } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { useHttpChild } from "./support/http-child.ts";
import { scanForSecretsAfterAll, serverArgs, useMock } from "./support/scenarios.ts";
import { childEnvironment } from "./support/sessions.ts";
import { record } from "./support/transcript.ts";

const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const TOOL_TIMEOUT_MS = 120_000;

const mocked = useMock();
scanForSecretsAfterAll();
const child = useHttpChild(() => serverArgs(mocked.mock().url));

/** The tools need Node >= 22: they run on the Node that runs these tests (the repository's pinned Node 24). */
const run = (name: string, args: string[]) =>
  runToExit(bin(name), args, {
    env: { ...childEnvironment(), PATH: `${process.execPath.replace(/\/node$/, "")}:${process.env.PATH}` },
    timeoutMs: TOOL_TIMEOUT_MS,
  });

describe("@modelcontextprotocol/conformance, server scenarios", () => {
  it.each([
    ["server-initialize", 1],
    ["tools-list", 1],
    ["dns-rebinding-protection", 2],
  ])("%s passes", async (scenario, checks) => {
    const { exit, stdout, stderr } = await run("conformance", [
      "server",
      "--url",
      child().url,
      "--scenario",
      scenario,
    ]);
    const output = `${stdout}${stderr}`;
    record(`conformance ${scenario}`, output);
    expect(output, output).toContain(`Passed: ${checks}/${checks}, 0 failed`);
    expect(exit.code, output).toBe(0);
  });
});

/** The Inspector's CLI mode against the child: its JSON answer, recorded for the secrets scan. */
async function inspect(args: string[]): Promise<unknown> {
  const { exit, stdout, stderr } = await run("inspector", [
    "--cli",
    child().url,
    "--transport",
    "http",
    ...args,
  ]);
  expect(exit.code, stderr).toBe(0);
  record(`inspector ${args.join(" ")}`, stdout);
  return JSON.parse(stdout);
}

describe("the Inspector's command-line mode", () => {
  it("lists the tools", async () => {
    const { tools } = (await inspect(["--method", "tools/list"])) as { tools: { name: string }[] };
    expect(tools.map((tool) => tool.name)).toEqual([
      "search_audit_logs",
      "download_cluster_logs",
      "read_cluster_log",
    ]);
  });

  it("calls the search", async () => {
    const result = (await inspect([
      "--method",
      "tools/call",
      "--tool-name",
      "search_audit_logs",
      "--tool-arg",
      "limit=3",
      "--tool-arg",
      "status=FAILED",
    ])) as {
      isError: boolean;
      structuredContent: { items: { status: string }[]; nextPage: string };
    };
    expect(result.isError).toBe(false);
    expect(result.structuredContent.items.map((item) => item.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    expect(result.structuredContent.nextPage).toMatch(/\S/);
  });
});
