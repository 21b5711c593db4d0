// An independent validator (not Redocly, which lints it at build) accepts the bundle as OpenAPI 3.1.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { loadBundle } from "./bundle.ts";

describe("bundled spec", () => {
  it("is valid OpenAPI 3.1 by @seriousme/openapi-schema-validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(loadBundle());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("declares the JSON Schema 2020-12 dialect so Prism enforces 3.1 keywords", () => {
    const spec = loadBundle();
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("is fully resolved: no reference leaves the document", () => {
    const text = JSON.stringify(loadBundle());
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !ref?.startsWith("#/"))).toEqual([]);
  });
});
