import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "./src/vitest-config.ts";

export default defineConfig({ test: { ...sharedTestConfig, testTimeout: 30_000 } });
