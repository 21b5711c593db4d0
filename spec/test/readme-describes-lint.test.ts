// The root README says how many of the API's conventions our own Redocly plugin checks: the number is counted
// here from the plugin itself, and each of its rules must be switched on in redocly.yaml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import aidpConventionsPlugin from "../lint/aidp-conventions.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const redoclyConfig = readFileSync(new URL("../../redocly.yaml", import.meta.url), "utf8");
const rules = Object.values(aidpConventionsPlugin().rules).flatMap((byVersion) => Object.keys(byVersion));
const NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

describe("the plugin's rules", () => {
  it("are as many as the root README says", () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(readme).toContain(`${NUMBERS[rules.length]} in a small plugin in \`spec/lint/\``);
  });

  it("are each switched on, as errors, in redocly.yaml", () => {
    expect(rules.filter((rule) => !new RegExp(`^  aidp/${rule}: error\\b`, "m").test(redoclyConfig))).toEqual(
      [],
    );
  });
});
