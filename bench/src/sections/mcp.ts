// Section 10: the MCP server (`aidp-mcp`, @aidp/mcp) over stdio, spoken to in plain JSON-RPC lines as an agent's
// client does: the size of its `tools/list` answer (what every agent loads into its context), and the time a
// search page takes through it beside the same page through @aidp/client's own call, against one mock, in
// interleaved runs.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { createAidpClient } from "@aidp/client";
import { startMock } from "@aidp/mock";
import { inRounds } from "../measure/rounds.ts";
import { median } from "../measure/stats.ts";
import { fixed, markdownTable, targetLine } from "../report/markdown.ts";

const runs = 200;
const limit = 50;
const instance = "ocid1.aidataplatform.oc1.iad.bench";
const mcpBin = createRequire(import.meta.url)
  .resolve("@aidp/mcp/package.json")
  .replace(/package\.json$/, "bin/aidp-mcp.js");

/** One JSON-RPC exchange at a time over the child's stdio; resolves with the answer's line. */
function rpc(child: ChildProcessWithoutNullStreams) {
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map<number, (line: string) => void>();
  lines.on("line", (line) => {
    const id = (JSON.parse(line) as { id?: number }).id;
    if (id !== undefined) waiting.get(id)?.(line);
  });
  let next = 1;
  return {
    request(method: string, params: unknown): Promise<string> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      });
    },
    notify(method: string) {
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method })}\n`);
    },
  };
}

export async function mcpSection(): Promise<string> {
  const mock = await startMock({ port: 0, records: 500 });
  const child = spawn(process.execPath, [
    mcpBin,
    "--endpoint",
    mock.url,
    "--auth",
    "none",
    "--instance-id",
    instance,
  ]);
  try {
    const server = rpc(child);
    await server.request("initialize", {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "aidp-bench", version: "1" },
    });
    server.notify("notifications/initialized");
    const listBytes = Buffer.byteLength(await server.request("tools/list", {}));
    const client = createAidpClient({ baseUrl: mock.url });
    const searchPage = {
      direct: async () => {
        await client.searchAuditLogs({ aiDataPlatformId: instance, limit, details: {} });
      },
      mcp: async () => {
        const answer = await server.request("tools/call", {
          name: "search_audit_logs",
          arguments: { limit },
        });
        if (answer.includes('"isError":true'))
          throw new Error(`the search failed through MCP: ${answer.slice(0, 300)}`);
      },
    };
    const times = await inRounds(["direct", "mcp"] as const, runs, async (way) => {
      const started = performance.now();
      await searchPage[way]();
      return performance.now() - started;
    });
    const direct = times.get("direct") as number[];
    const throughMcp = times.get("mcp") as number[];
    const added = median(throughMcp) - median(direct);
    return [
      "## 10. MCP server",
      "",
      `\`aidp-mcp\` over stdio (JSON-RPC lines, protocol 2025-11-25) against the stateful mock: the \`tools/list\` answer's size, ` +
        `and a ${limit}-record search page through the \`search_audit_logs\` tool beside the same page through ` +
        `@aidp/client's \`searchAuditLogs\`, ${runs} interleaved runs each (the tool's answer carries the page twice: ` +
        "as structured content and as text).",
      "",
      markdownTable(
        ["measure", "value"],
        [
          ["`tools/list` answer (3 tools)", `${listBytes} bytes`],
          ["search page via @aidp/client, median", `${fixed(median(direct), 2)} ms`],
          ["search page via MCP (stdio), median", `${fixed(median(throughMcp), 2)} ms`],
          ["added by MCP, median", `${fixed(added, 2)} ms`],
        ],
      ),
      "",
      targetLine(listBytes < 10_000, "tools/list under 10 kB", `${listBytes} bytes`),
      targetLine(added < 5, "MCP adds under 5 ms to a search page", `${fixed(added, 2)} ms`),
    ].join("\n");
  } finally {
    child.kill();
    await mock.stop();
  }
}
