// The runtime enum lists are the spec's values, in the spec's order, for every enum schema. The spec's side is
// read through @aidp/spec/facts, the one reader of the bundle; the lists checked are the committed generated
// ones, so this fails when the spec changed and `pnpm build` was not run (their `satisfies` clause ties them to
// openapi-typescript's types at compile time).
import { readApiFacts } from "@aidp/spec/facts";
import { describe, expect, it } from "vitest";
import * as types from "../src/index.ts";

const enumSchemas = Object.entries(readApiFacts().schemas).filter(([, schema]) => schema.enum);

describe("enum value lists", () => {
  it("exist for every enum schema of the spec", () => {
    expect(enumSchemas.map(([name]) => name).sort()).toEqual([
      "ObjectType",
      "Operation",
      "SortBy",
      "SortOrder",
      "Status",
    ]);
  });

  it.each(enumSchemas)("%s lists the spec's values in order", (name, schema) => {
    expect((types as Record<string, unknown>)[`${name}Values`]).toEqual(schema.enum);
  });

  it("are the only runtime exports: the rest is types, erased at build", () => {
    expect(Object.keys(types).every((key) => key.endsWith("Values"))).toBe(true);
  });
});
