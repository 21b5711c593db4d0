// The guide "Using the API from an AI agent" (packages/docs) shows one configuration per agent. Each block is
// parsed as the agent parses it, and the server it describes is started from it and answers: the command
// `npx -y @aidp/mcp` is this package's built bin (not published yet when the tests run), and the test's mock is
// reached with --endpoint and --auth none; everything else (arguments, environment) is the block's own.
import { readFileSync } from "node:fs";
import { fencedBlocks } from "@aidp/markdown-blocks";
import { describe, expect, it } from "vitest";
import { scanForSecretsAfterAll, useMock } from "./support/scenarios.ts";
import { stdioSession } from "./support/sessions.ts";

const guidePath = new URL("../../docs/guides/08-using-the-api-from-an-ai-agent.md", import.meta.url);
const guide = readFileSync(guidePath, "utf8");
const configurations = fencedBlocks(guide, "08-using-the-api-from-an-ai-agent.md").filter(
  (block) => block.lang === "json",
);

interface ServerEntry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** Claude Desktop, Claude Code and Cursor key the servers `mcpServers`; VS Code keys them `servers`. */
function serverEntry(source: string): ServerEntry {
  const parsed = JSON.parse(source) as {
    mcpServers?: Record<string, ServerEntry>;
    servers?: Record<string, ServerEntry>;
  };
  const entry = (parsed.mcpServers ?? parsed.servers)?.aidp;
  if (!entry) throw new Error("the block configures no server called aidp");
  return entry;
}

const mocked = useMock();
scanForSecretsAfterAll();

it("shows a configuration for each of Claude Desktop, Claude Code, Cursor and VS Code", () => {
  expect(configurations).toHaveLength(4);
  for (const agent of ["Claude Desktop", "Claude Code", "Cursor", "VS Code"])
    expect(guide).toContain(`${agent}, in `);
});

describe.each(configurations.map((block) => [block.line, block] as const))(
  "the configuration at line %i",
  (_, block) => {
    it("starts a server that lists its tools and searches", async () => {
      const entry = serverEntry(block.source);
      expect(entry.type ?? "stdio").toBe("stdio");
      expect([entry.command, ...entry.args.slice(0, 2)]).toEqual(["npx", "-y", "@aidp/mcp"]);
      const session = await stdioSession(
        "sdk1",
        [...entry.args.slice(2), "--endpoint", mocked.mock().url, "--auth", "none"],
        entry.env,
      );
      try {
        const tools = (await session.listTools()).map((tool) => tool.name);
        expect(tools).toContain("search_audit_logs");
        if (entry.args.includes("--read-only")) expect(tools).toEqual(["search_audit_logs"]);
        const result = await session.callTool("search_audit_logs", { limit: 2 });
        expect(result.isError ?? false).toBe(false);
        expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(2);
      } finally {
        await session.close();
      }
    });
  },
);
