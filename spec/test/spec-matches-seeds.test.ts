// The bundled spec says exactly what Oracle's API reference texts (test/seeds/) say: every parameter,
// property, enum value, bound, default, example, response and header, with nothing dropped or added.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deref, loadBundle, type Node } from "./bundle.ts";
import { normalizeText, parseSeed, type SeedField } from "./seed-parser.ts";

const seedsDir = new URL("./seeds/", import.meta.url);
const seeds = readdirSync(seedsDir).map((file) => parseSeed(readFileSync(new URL(file, seedsDir), "utf8")));
const spec = loadBundle();

/** The reference texts link relative to docs.oracle.com; the spec links absolutely so the docs site works. */
const seedText = (text: string) =>
  normalizeText(text.replaceAll("](/iaas/", "](https://docs.oracle.com/iaas/"));
const specText = (text: string | undefined) => normalizeText(text ?? "");

function expectSchemaMatchesField(schema: Node, field: SeedField, where: string) {
  expect(schema.type, `${where}: type`).toBe(field.type);
  expect(schema.format, `${where}: format`).toBe(field.format);
  expect(schema.enum, `${where}: enum values in order`).toEqual(field.enum);
  for (const key of ["minimum", "maximum", "minLength", "maxLength"] as const) {
    expect(schema[key], `${where}: ${key}`).toBe(field[key]);
  }
  const expectedDefault =
    field.default === undefined || field.type !== "integer" ? field.default : Number(field.default);
  expect(schema.default, `${where}: default`).toBe(expectedDefault);
  if (field.example !== undefined) expect(schema.examples, `${where}: example`).toContain(field.example);
}

describe.each(seeds)("$title", (seed) => {
  const operation = spec.paths?.[seed.path]?.[seed.method];

  it("exists at the seed's method and path", () => {
    expect(operation, `${seed.method.toUpperCase()} ${seed.path}`).toBeDefined();
    expect(operation.summary).toBe(seed.title);
    expect(specText(operation.description)).toContain(seed.description);
  });

  it("has every parameter of the seed and no other", () => {
    const parameters: Node[] = operation.parameters.map((p: Node) => deref(spec, p));
    const groups = [
      ["path", seed.pathParameters],
      ["query", seed.queryParameters],
      ["header", seed.headerParameters],
    ] as const;
    for (const [location, fields] of groups) {
      const inSpec = parameters.filter((p) => p.in === location).map((p) => p.name);
      expect(inSpec.sort(), `${location} parameters`).toEqual(fields.map((f) => f.name).sort());
      for (const field of fields) {
        const parameter = parameters.find((p) => p.in === location && p.name === field.name);
        const where = `${location} parameter ${field.name}`;
        expect(Boolean(parameter.required), `${where}: required`).toBe(field.required);
        expect(specText(parameter.description), `${where}: description`).toBe(seedText(field.description));
        expectSchemaMatchesField(deref(spec, parameter.schema), field, where);
      }
    }
  });

  it("constrains opc-request-id to letters, digits, underscore and dash", () => {
    const parameter = operation.parameters
      .map((p: Node) => deref(spec, p))
      .find((p: Node) => p.name === "opc-request-id");
    const pattern = new RegExp(deref(spec, parameter.schema).pattern);
    expect(pattern.test("Abc_123-xyz")).toBe(true);
    for (const bad of ["a b", "a/b", "a.b", "", "ü"])
      expect(pattern.test(bad), JSON.stringify(bad)).toBe(false);
  });

  it("has the seed's request body schema, property by property", () => {
    const body = deref(spec, operation.requestBody);
    expect(body.required).toBe(true);
    expect(specText(body.description)).toBe(seed.bodyDescription);
    const schema = deref(spec, body.content["application/json"].schema);
    const seedSchema = seed.schemas.get(seed.bodySchema);
    expect(schema.title).toBe(seed.bodySchema);
    expect(operation.requestBody.$ref ?? body.content["application/json"].schema.$ref).toContain(
      seed.bodySchema,
    );
    expectObjectSchemaMatches(schema, seedSchema, seed.bodySchema);
  });

  it("has exactly the seed's responses, each with its headers and body schema", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(seed.responses.map((r) => r.status).sort());
    for (const expected of seed.responses) {
      const response = deref(spec, operation.responses[expected.status]);
      const where = `response ${expected.status}`;
      expect(specText(response.description), `${where}: description`).toBe(expected.description);
      expect(Object.keys(response.headers ?? {}).sort(), `${where}: headers`).toEqual(
        expected.headers.map((h) => h.name).sort(),
      );
      for (const header of expected.headers) {
        const inSpec = deref(spec, response.headers[header.name]);
        expect(specText(inSpec.description), `${where}: header ${header.name}`).toBe(
          seedText(header.description),
        );
        expect(deref(spec, inSpec.schema).type, `${where}: header ${header.name} type`).toBe(header.type);
      }
      const media = response.content?.["application/json"];
      if (!expected.schema) {
        expect(media, `${where}: no body`).toBeUndefined();
        continue;
      }
      const schemaRef = media.schema.$ref as string;
      expect(schemaRef, `${where}: schema is the named component`).toBe(
        `#/components/schemas/${expected.schema}`,
      );
      expectObjectSchemaMatches(
        deref(spec, media.schema),
        seed.schemas.get(expected.schema),
        expected.schema,
      );
    }
  });
});

function expectObjectSchemaMatches(
  schema: Node,
  expected: ReturnType<(typeof seeds)[number]["schemas"]["get"]>,
  name: string,
) {
  expect(expected, `seed shows schema ${name}`).toBeDefined();
  if (!expected) return;
  expect(schema.type, `${name}: type`).toBe("object");
  expect(specText(schema.description), `${name}: description`).toBe(expected.description);
  expect(Object.keys(schema.properties).sort(), `${name}: properties`).toEqual(
    expected.properties.map((p) => p.name).sort(),
  );
  expect((schema.required ?? []).slice().sort(), `${name}: required`).toEqual(
    expected.properties
      .filter((p) => p.required)
      .map((p) => p.name)
      .sort(),
  );
  for (const field of expected.properties) {
    const property = deref(spec, schema.properties[field.name]);
    const where = `${name}.${field.name}`;
    expect(specText(property.description), `${where}: description`).toBe(seedText(field.description));
    if (field.type === "array") {
      expect(property.type, `${where}: type`).toBe("array");
      continue;
    }
    expectSchemaMatchesField(property, field, where);
  }
}

describe("shared enums", () => {
  it("are one named schema each, referenced wherever they appear", () => {
    for (const [name, property] of [
      ["ObjectType", "objectType"],
      ["Operation", "operation"],
      ["Status", "status"],
    ]) {
      expect(spec.components.schemas[name]?.enum, name).toBeDefined();
      for (const owner of ["SearchAuditLogsDetails", "AuditLogSearchResultSummary"]) {
        expect(spec.components.schemas[owner].properties[property].$ref, `${owner}.${property}`).toBe(
          `#/components/schemas/${name}`,
        );
      }
    }
  });
});
