// Settings every package's vitest config starts from (`@aidp/test-support/vitest-config`): a JSON report per
// package that tools/summarize-tests.mjs adds up into the suite's closing line, and the process hygiene of this
// package: each test file's processes end with it, and the run fails if one outlives it.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

const testSupport = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

/** A package with a globalSetup of its own lists it after these: `[...sharedGlobalSetup, "./mine.ts"]`. */
export const sharedGlobalSetup = [testSupport("vitest-global-setup.ts")];

export const sharedTestConfig: ViteUserConfig["test"] = {
  reporters: ["default", "json"],
  outputFile: { json: "test-results/vitest.json" },
  allowOnly: false,
  passWithNoTests: false,
  // Most test files wait on child processes (Prism, npm, builds, Chromium) more than they compute: at least
  // two files at a time, where vitest's default on a 2-core machine would be one.
  maxWorkers: Math.max(2, availableParallelism()),
  globalSetup: sharedGlobalSetup,
  setupFiles: [testSupport("vitest-setup.ts")],
};
