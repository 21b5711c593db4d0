import { sharedGlobalSetup, sharedTestConfig } from "@aidp/test-support/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Test files share a worker's imported modules (Prism, the client) instead of importing them afresh, which
    // was a fifth to a third of this package's test time; no test here mocks a module, a timer or the env.
    isolate: false,
    // Each file starts its own Prism processes; they take a core each while starting.
    testTimeout: 30_000,
    // Our own globalSetup export, used the way a consumer would (test/vitest-global-setup.test.ts).
    globalSetup: [...sharedGlobalSetup, "./src/vitest-global-setup.ts"],
    hookTimeout: 60_000,
    // The options' types (test/options.test-d.ts): checked by tsc, not run.
    typecheck: { enabled: true, tsconfig: "./tsconfig.json", include: ["test/**/*.test-d.ts"] },
  },
});
