// Settings every package's vitest config starts from: a JSON report per package that
// tools/summarize-tests.mjs adds up into the suite's closing line.
import type { ViteUserConfig } from "vitest/config";

export const sharedTestConfig: ViteUserConfig["test"] = {
  reporters: ["default", "json"],
  outputFile: { json: "test-results/vitest.json" },
  allowOnly: false,
  passWithNoTests: false,
};
