// Adds up the vitest JSON reports that every package writes to test-results/vitest.json (and
// vitest-<task>.json for a package with a second test task, like @aidp/tools' test:release)
// and prints one closing line for the whole suite: "Tests: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packageDirs = [
  "spec",
  "tools",
  "tools/test-support",
  ...readdirSync(join(root, "packages")).map((name) => join("packages", name)),
];
const totals = { passed: 0, failed: 0, skipped: 0 };
const reportsOf = (dir) => {
  const results = join(root, dir, "test-results");
  if (!existsSync(results)) return [];
  return readdirSync(results)
    .filter((name) => /^vitest(-[\w-]+)?\.json$/.test(name))
    .map((name) => join(results, name));
};
for (const report of packageDirs.flatMap(reportsOf)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(report, "utf8"),
  );
  totals.passed += numPassedTests;
  totals.failed += numFailedTests;
  totals.skipped += numPendingTests + numTodoTests;
}
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
