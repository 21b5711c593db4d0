// The README's generated sections are what the spec bundle generates now (they cannot go stale), and the fault
// code table says what the mock really answers: each row is checked against the running mock and the bundle's
// own JSON, not against the function that wrote it.
import { readFileSync } from "node:fs";
import { readApiFacts } from "@aidp/spec/facts";
import { ObjectTypeValues, OperationValues, StatusValues } from "@aidp/types";
import { describe, expect, it } from "vitest";
import { withFaultCodes } from "../scripts/fault-codes.ts";
import { preferValuesTable, withPreferValues } from "../scripts/prefer-values.ts";
import { bundledSpecJsonPath } from "../src/bundled-spec.ts";
import { call, useStatefulMock } from "./support.ts";

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

  /** The table's rows as written: `| \`409\` | \`IncorrectState\` |`, and the "any other, e.g. 503" row. */
  const rows = [...readme.matchAll(/^\| (?:any other, e\.g\. )?`(\d{3})` \| `(\w+)`/gm)].map(
    ([, status, code]) => ({
      status: Number(status),
      code: code as string,
    }),
  );
  const mock = useStatefulMock();

  it("are what the mock answers to x-aidp-mock-fail with each status", async () => {
    expect(rows.length).toBeGreaterThan(3);
    expect(rows).toContainEqual({ status: 409, code: "IncorrectState" });
    for (const { status, code } of rows) {
      const response = await call(mock.url, "searchAuditLogs", {
        headers: { "x-aidp-mock-fail": String(status) },
      });
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    }
  });

  it("list every error status the spec bundle declares", () => {
    const bundle = JSON.parse(readFileSync(bundledSpecJsonPath, "utf8")) as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const declared = new Set<number>();
    for (const path of Object.values(bundle.paths)) {
      for (const operation of Object.values(path)) {
        for (const status of Object.keys(operation.responses ?? {})) {
          if (/^[45]\d\d$/.test(status)) declared.add(Number(status));
        }
      }
    }
    const listed = new Set(rows.map(({ status }) => status));
    expect([...declared].filter((status) => !listed.has(status))).toEqual([]);
  });
});

describe("README data set", () => {
  it("names the size from which the seeded records cover every enum value (the longest value list)", () => {
    const longest = Math.max(ObjectTypeValues.length, OperationValues.length, StatusValues.length);
    expect(readme).toContain(`any data set of ${longest} records or more covers them all`);
  });
});
