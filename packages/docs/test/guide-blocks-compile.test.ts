// Every TypeScript block of the guides compiles against the built @aidp/client and @aidp/mock, so no guide can
// show code that does not type-check. A failure names the guide file, line and column.
import { typeCheckBlocks } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { COMPILE_DIR, guideBlocks, isTypeScript } from "./guide-blocks.ts";

const blocks = guideBlocks()
  .filter(isTypeScript)
  .map((block) => ({ file: `guides/${block.guide.file}`, line: block.line, source: block.source }));

describe("the guides' TypeScript blocks", () => {
  it("exist (the guides show code)", () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it("compile with tsc --noEmit", async () => {
    expect(await typeCheckBlocks({ dir: COMPILE_DIR, blocks })).toBe("");
  });
});
