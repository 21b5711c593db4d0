import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

// Each file starts the mock (Prism in front of the stateful layer): seconds on a busy machine.
export default defineConfig({ test: { ...sharedTestConfig, testTimeout: 20_000, hookTimeout: 60_000 } });
