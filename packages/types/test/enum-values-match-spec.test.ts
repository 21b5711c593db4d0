// The runtime enum lists are the spec's values, in the spec's order, for every enum schema.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as types from "../src/index.ts";

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@aidp/spec/openapi.json"), "utf8"),
);
const enumSchemas = Object.entries(spec.components.schemas as Record<string, { enum?: string[] }>).filter(
  ([, s]) => s.enum,
);

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
