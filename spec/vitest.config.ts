import { sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

// The lint tests run Redocly on copies of the spec (bounded at 20 s each in the test): more than the 5 s default.
export default defineConfig({ test: { ...sharedTestConfig, testTimeout: 30_000 } });
