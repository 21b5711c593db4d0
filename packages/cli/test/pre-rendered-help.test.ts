// `aidp --help` and each command's help are printed from text rendered at build time (src/generated/help-text.ts)
// without loading yargs. Here that text is compared with what yargs prints at run time, so the two cannot drift.
import { afterEach, describe, expect, it } from "vitest";
import { helpTexts } from "../src/generated/help-text.ts";
import { HELP_WIDTH, preRenderedHelp } from "../src/pre-rendered-help.ts";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";

afterEach(endAidpProcesses);

// yargs has no translation for this locale, so it prints its English text; the pre-rendered help is not used for it.
const YARGS_AT_RUN_TIME = { LC_ALL: "xx_XX.UTF-8" };
const PRE_RENDERED = { LC_ALL: "en_US.UTF-8" };

describe("the pre-rendered help", () => {
  for (const [joined, index] of Object.entries(helpTexts.byArgs)) {
    const args = joined === "" ? [] : joined.split(" ");
    it(`\`aidp ${joined}\` prints what yargs prints at run time`, async () => {
      const expected = { code: 0, stdout: helpTexts.texts[index], stderr: "" };
      const byYargs = await runAidp(args, { env: YARGS_AT_RUN_TIME });
      expect({ code: byYargs.code, stdout: byYargs.stdout, stderr: byYargs.stderr }).toEqual(expected);
      const preRendered = await runAidp(args, { env: PRE_RENDERED });
      expect({ code: preRendered.code, stdout: preRendered.stdout, stderr: preRendered.stderr }).toEqual(
        expected,
      );
    });
  }

  it("is used only where yargs would print that very text: the same width, an English locale, a help request", () => {
    const english = { LANG: "en_GB.UTF-8" };
    expect(preRenderedHelp(["--help"], english, undefined)).toBe(helpTexts.texts[helpTexts.byArgs["--help"]]);
    expect(preRenderedHelp(["--help"], english, HELP_WIDTH + 40)).toBeDefined();
    expect(preRenderedHelp(["--help"], { LC_ALL: "C" }, HELP_WIDTH)).toBeDefined();
    // A narrower terminal: yargs wraps to it.
    expect(preRenderedHelp(["--help"], english, 80)).toBeUndefined();
    // A locale yargs translates (LC_ALL wins over LANG, as in yargs).
    expect(preRenderedHelp(["--help"], { LANG: "de_DE.UTF-8" }, undefined)).toBeUndefined();
    expect(preRenderedHelp(["--help"], { LC_ALL: "fr_FR", LANG: "en_US" }, undefined)).toBeUndefined();
    // Anything else than exactly a help request.
    expect(
      preRenderedHelp(["audit", "search-logs", "--status", "--help"], english, undefined),
    ).toBeUndefined();
    expect(preRenderedHelp(["--help", "audit"], english, undefined)).toBeUndefined();
    // One word with a space is not two words: yargs prints the top-level help for it.
    expect(preRenderedHelp(["audit search-logs", "--help"], english, undefined)).toBeUndefined();
  });
});
