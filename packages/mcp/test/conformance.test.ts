// Third-party clients against the HTTP transport of the built bin: the official conformance suite's server
// scenarios that a domain server can pass (the others need the reference server's fixture tools), and the
// Inspector's command-line mode listing the tools and calling the search.
import { fileURLToPath } from "node:url";
import { runToExit } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpChild, startHttpChild } from "./support/http-child.ts";
import { INSTANCE_ID, scanForSecretsAfterAll, useMock } from "./support/scenarios.ts";
import { childEnvironment } from "./support/sessions.ts";
import { record } from "./support/transcript.ts";

const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const TOOL_TIMEOUT_MS = 120_000;

const mocked = useMock();
scanForSecretsAfterAll();
let child: HttpChild;
beforeAll(async () => {
  child = await startHttpChild([
    "--endpoint",
    mocked.mock().url,
    "--auth",
    "none",
    "--instance-id",
    INSTANCE_ID,
  ]);
});
afterAll(async () => {
  for (const line of child.logLines()) record("http child log", line);
  await child.process.stop();
});

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
      child.url,
      "--scenario",
      scenario,
    ]);
    const output = `${stdout}${stderr}`;
    expect(output, output).toContain(`Passed: ${checks}/${checks}, 0 failed`);
    expect(exit.code, output).toBe(0);
  });
});

describe("the Inspector's command-line mode", () => {
  it("lists the tools", async () => {
    const { exit, stdout, stderr } = await run("inspector", [
      "--cli",
      child.url,
      "--transport",
      "http",
      "--method",
      "tools/list",
    ]);
    expect(exit.code, stderr).toBe(0);
    const { tools } = JSON.parse(stdout) as { tools: { name: string }[] };
    expect(tools.map((tool) => tool.name)).toEqual([
      "search_audit_logs",
      "download_cluster_logs",
      "read_cluster_log",
    ]);
  });

  it("calls the search", async () => {
    const { exit, stdout, stderr } = await run("inspector", [
      "--cli",
      child.url,
      "--transport",
      "http",
      "--method",
      "tools/call",
      "--tool-name",
      "search_audit_logs",
      "--tool-arg",
      "limit=3",
      "--tool-arg",
      "status=FAILED",
    ]);
    expect(exit.code, stderr).toBe(0);
    record("inspector tools/call", stdout);
    const result = JSON.parse(stdout) as {
      isError: boolean;
      structuredContent: { items: { status: string }[]; nextPage: string };
    };
    expect(result.isError).toBe(false);
    expect(result.structuredContent.items.map((item) => item.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    expect(result.structuredContent.nextPage).toMatch(/\S/);
  });
});
