// Every TypeScript block of the guides compiles against the built @aidp/client and @aidp/mock, so no guide can
// show code that does not type-check. A failure names the guide file, line and column.
import { describe, expect, it } from "vitest";
import { diagnosticsAtGuideLines, writeTypeScriptBlocks } from "./guide-blocks.ts";
import { typeCheck } from "./type-check.ts";

describe("the guides' TypeScript blocks", () => {
  it("exist (the guides show code)", () => {
    expect(writeTypeScriptBlocks().blocks.length).toBeGreaterThan(5);
  });

  it("compile with tsc --noEmit", async () => {
    const { tsconfig } = writeTypeScriptBlocks();
    expect(diagnosticsAtGuideLines(await typeCheck(tsconfig))).toBe("");
  });
});
