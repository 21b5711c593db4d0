// The spec bundle shipped inside the package is reached one way, the documented `@aidp/mock/openapi.yaml`
// subpath, and it is the bundle the mock serves (the same API version as the spec's facts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as mockEntry from "../src/index.ts";
import { facts } from "./support.ts";

describe("the bundled spec", () => {
  it("resolves through @aidp/mock/openapi.yaml to the bundle of the spec's facts", () => {
    const path = createRequire(import.meta.url).resolve("@aidp/mock/openapi.yaml");
    const bundle = parse(readFileSync(path, "utf8"));
    expect(bundle.info.version).toBe(facts.version);
    expect(Object.keys(bundle.paths)).toEqual(Object.values(facts.operations).map((o) => o.path));
  });

  it("has no second way in: the main entry exports no path to it", () => {
    expect(Object.keys(mockEntry).filter((name) => /spec/i.test(name))).toEqual([]);
  });
});
