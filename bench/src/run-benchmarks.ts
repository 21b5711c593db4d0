// `pnpm bench`: runs every benchmark one after the other (they share 2 cores, so never in parallel) and
// writes results.md. A section that fails is reported as such in the file; the others still run. Nothing
// here asserts a timing: the targets are printed as met / NOT met.
import { writeFileSync } from "node:fs";
import { benchRoot } from "./measure/run-child.ts";
import { machineSection } from "./report/machine.ts";
import { buildSpeedSection } from "./sections/build-speed.ts";
import { bundleSizeSection } from "./sections/bundle-size.ts";
import { cliSection } from "./sections/cli.ts";
import { coldStartSection } from "./sections/cold-start.ts";
import { gatewaySection } from "./sections/gateway.ts";
import { mcpSection } from "./sections/mcp.ts";
import { mockSection } from "./sections/mock.ts";
import { paginationSection } from "./sections/pagination.ts";
import { requestOverheadSection } from "./sections/request-overhead.ts";
import { workloadIdentitySection } from "./sections/workload-identity.ts";

const sections: [string, () => Promise<string>][] = [
  ["1. Bundle size", bundleSizeSection],
  ["2. Cold start", coldStartSection],
  ["3. Per-request overhead", requestOverheadSection],
  ["4. Pagination at scale", paginationSection],
  ["5. Build", buildSpeedSection],
  ["6. Mock", mockSection],
  ["7. The aidp command", cliSection],
  ["8. Validation gateway", gatewaySection],
  ["9. Workload identity", workloadIdentitySection],
  ["10. MCP server", mcpSection],
];

const only = process.argv.slice(2);
const started = performance.now();
const parts = [
  "# Benchmarks",
  "",
  `Written by \`pnpm bench\` on ${new Date().toISOString()}. Every comparison is a ratio within this one run ` +
    "on this one machine; absolute numbers vary from machine to machine. Everything runs on 127.0.0.1.",
  "",
  machineSection(),
];
for (const [title, run] of sections) {
  if (only.length > 0 && !only.some((prefix) => title.startsWith(prefix))) continue;
  const sectionStarted = performance.now();
  process.stdout.write(`${title} ... `);
  try {
    parts.push("", await run());
    process.stdout.write(`${((performance.now() - sectionStarted) / 1000).toFixed(0)} s\n`);
  } catch (error) {
    parts.push("", `## ${title}`, "", `Not measured: ${(error as Error).message.split("\n")[0]}`);
    process.stdout.write(`failed: ${(error as Error).message}\n`);
  }
}
parts.push("", `Total run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`, "");

const resultsFile = new URL("results.md", benchRoot);
writeFileSync(resultsFile, parts.join("\n"));
process.stdout.write(`Wrote ${resultsFile.pathname}\n`);
