import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  // @aidp/mock depends on @aidp/client (for @aidp/client/signature), so the client cannot list the mock as a
  // dependency (turbo refuses cycles): its tests reach the built mock by path; turbo.json builds it first.
  resolve: { alias: { "@aidp/mock": fileURLToPath(new URL("../mock/dist/index.js", import.meta.url)) } },
  test: {
    ...sharedTestConfig,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, tsconfig: "./tsconfig.json", include: ["test/**/*.test-d.ts"] },
  },
});
