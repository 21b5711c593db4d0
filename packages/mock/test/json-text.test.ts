// An answer's body is sent as jsonText's text and checked by Prism as that text: it must be JSON.stringify's,
// character for character, whatever the body, while the text of each frozen record is written only once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonText } from "../src/json-text.ts";

const primitive = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
/** A record as the data set has them, or one with what JSON writes differently (nested, undefined, -0...). */
const record = fc.oneof(
  fc.dictionary(fc.string(), primitive),
  fc.dictionary(
    fc.string(),
    fc.oneof(primitive, fc.constant(undefined), fc.constant(-0), fc.array(primitive)),
  ),
);
const maybeFrozen = (value: Record<string, unknown>, freeze: boolean) =>
  freeze ? Object.freeze(value) : value;
const body = fc.dictionary(
  fc.string(),
  fc.oneof(
    primitive,
    fc.array(fc.tuple(record, fc.boolean()).map(([value, freeze]) => maybeFrozen(value, freeze))),
    fc.constant(undefined),
    fc.array(primitive),
  ),
);

describe("jsonText", () => {
  it("writes every body as JSON.stringify does (fast-check, seeded)", () => {
    fc.assert(
      fc.property(body, (value) => {
        expect(jsonText(value)).toBe(JSON.stringify(value));
        expect(jsonText(value)).toBe(JSON.stringify(value)); // again, from the remembered texts
      }),
      { seed: 27, numRuns: 2_000 },
    );
  });

  it("writes a page of frozen records from their remembered texts, and a record that may change afresh", () => {
    const frozen = Object.freeze({ eventId: "a", status: "SUCCEEDED" });
    const open: Record<string, string> = { eventId: "b", status: "SUCCEEDED" };
    expect(jsonText({ items: [frozen, open] })).toBe(JSON.stringify({ items: [frozen, open] }));
    open.status = "FAILED";
    expect(jsonText({ items: [frozen, open] })).toBe(
      '{"items":[{"eventId":"a","status":"SUCCEEDED"},{"eventId":"b","status":"FAILED"}]}',
    );
  });

  it("leaves what it cannot be sure of to JSON.stringify: a getter, a toJSON, a Date, a hole", () => {
    let reads = 0;
    const withGetter = Object.freeze({
      get status() {
        reads += 1;
        return `read ${reads}`;
      },
    });
    expect(jsonText({ items: [withGetter] })).toBe('{"items":[{"status":"read 1"}]}');
    expect(jsonText({ items: [withGetter] })).toBe('{"items":[{"status":"read 2"}]}');
    const odd = {
      at: new Date(0),
      items: Object.assign([], { 1: Object.freeze({ a: 1 }) }),
      toJSON: undefined,
    };
    expect(jsonText(odd)).toBe(JSON.stringify(odd));
    expect(jsonText(undefined)).toBeUndefined();
  });
});
