// The TypeScript code samples shown on the page compile against @aidp/client's types, so they cannot rot.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runProcess } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { operations } from "./bundle.ts";

const require = createRequire(import.meta.url);
const samplesDir = fileURLToPath(new URL("../samples/", import.meta.url));

describe("the TypeScript code samples", () => {
  it("exist for every operation", () => {
    const sampleFiles = readdirSync(samplesDir).filter((file) => /^[a-zA-Z]+\.ts$/.test(file));
    expect(sampleFiles.sort()).toEqual(operations.map((operation) => `${operation.operationId}.ts`).sort());
  });

  it("compile with tsc --noEmit against @aidp/client", async () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const run = runProcess(process.execPath, [tsc, "--noEmit", "-p", `${samplesDir}tsconfig.json`], {
      name: "tsc",
      timeoutMs: 50_000,
    });
    await expect(run).resolves.toBe("");
  });
});
