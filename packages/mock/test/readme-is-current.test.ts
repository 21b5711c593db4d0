// The README's list of Prefer values is the one the spec bundle generates: it cannot go stale.
import { readFileSync } from "node:fs";
import { readApiFacts } from "@aidp/spec/facts";
import { ObjectTypeValues, OperationValues, StatusValues } from "@aidp/types";
import { describe, expect, it } from "vitest";
import { faultCodesTable, withFaultCodes } from "../scripts/fault-codes.ts";
import { preferValuesTable, withPreferValues } from "../scripts/prefer-values.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README Prefer values", () => {
  it("match the spec bundle (run `pnpm --filter @aidp/mock build` to regenerate)", () => {
    expect(withPreferValues(readme, readApiFacts())).toBe(readme);
  });

  it("list every example name of the spec", () => {
    expect(preferValuesTable(readApiFacts())).toContain("`mixedRecords`, `failedOperations`, `empty`");
  });
});

describe("README fault codes", () => {
  it("match the spec bundle (run `pnpm --filter @aidp/mock build` to regenerate)", () => {
    expect(withFaultCodes(readme, readApiFacts())).toBe(readme);
  });

  it("give 409 the IncorrectState code of the spec's example", () => {
    expect(faultCodesTable(readApiFacts())).toContain("| `409` | `IncorrectState` |");
  });
});

describe("README data set", () => {
  it("names the size from which the seeded records cover every enum value (the longest value list)", () => {
    const longest = Math.max(ObjectTypeValues.length, OperationValues.length, StatusValues.length);
    expect(readme).toContain(`any data set of ${longest} records or more covers them all`);
  });
});
