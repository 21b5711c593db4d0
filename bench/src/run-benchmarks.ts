// `pnpm bench`: runs every benchmark one after the other (they share 2 cores, so never in parallel) and
// writes results.md; `pnpm bench 6 7` runs the sections whose titles start so and keeps the other sections'
// text from the results.md there was. A section that fails is reported as such in the file; the others still
// run. Nothing here asserts a timing: the targets are printed as met / NOT met.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { benchRoot } from "./measure/run-child.ts";
import { machineSection } from "./report/machine.ts";
import { lastFullRun, mergeSections } from "./report/merge-sections.ts";
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
const resultsFile = new URL("results.md", benchRoot);
const earlier = only.length > 0 && existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : "";
const started = performance.now();
const fresh = new Map<string, string>();
for (const [title, run] of sections) {
  if (only.length > 0 && !only.some((prefix) => title.startsWith(prefix))) continue;
  const sectionStarted = performance.now();
  process.stdout.write(`${title} ... `);
  try {
    fresh.set(title, await run());
    process.stdout.write(`${((performance.now() - sectionStarted) / 1000).toFixed(0)} s\n`);
  } catch (error) {
    fresh.set(
      title,
      [`## ${title}`, "", `Not measured: ${(error as Error).message.split("\n")[0]}`].join("\n"),
    );
    process.stdout.write(`failed: ${(error as Error).message}\n`);
  }
}
const now = new Date().toISOString();
const earlierFullRun = lastFullRun(earlier);
// The first sentence stays "Written by `pnpm bench` on DATE." either way: tools read the run's date from it.
const provenance =
  only.length === 0
    ? `Written by \`pnpm bench\` on ${now}.`
    : `Written by \`pnpm bench\` on ${now}. This run (\`pnpm bench ${only.join(" ")}\`) measured sections ` +
      `${[...fresh.keys()].map((title) => title.split(".")[0]).join(", ")} (and the machine and versions below); ` +
      `the other sections are kept from earlier runs${earlierFullRun ? ` (the last full one on ${earlierFullRun})` : ""}.`;
const parts = [
  "# Benchmarks",
  "",
  `${provenance} Every comparison is a ratio within one run on this one machine; absolute numbers vary from ` +
    "machine to machine. Everything runs on 127.0.0.1.",
  "",
  machineSection(),
];
for (const text of mergeSections(
  sections.map(([title]) => title),
  fresh,
  earlier,
))
  parts.push("", text);
parts.push("", `Total run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`, "");

writeFileSync(resultsFile, parts.join("\n"));
process.stdout.write(`Wrote ${resultsFile.pathname}\n`);
