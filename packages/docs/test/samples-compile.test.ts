// The TypeScript code samples shown on the page compile against @aidp/client's types, so they cannot rot.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { typeCheck } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { operations } from "./bundle.ts";

const samplesDir = fileURLToPath(new URL("../samples/", import.meta.url));

describe("the TypeScript code samples", () => {
  it("exist for every operation", () => {
    const sampleFiles = readdirSync(samplesDir).filter((file) => /^[a-zA-Z]+\.ts$/.test(file));
    expect(sampleFiles.sort()).toEqual(operations.map((operation) => `${operation.operationId}.ts`).sort());
  });

  it("compile with tsc --noEmit against @aidp/client", async () => {
    expect(await typeCheck(`${samplesDir}tsconfig.json`)).toBe("");
  });
});
