// The JSON text of an answer's body, exactly as JSON.stringify writes it, with the text of each frozen record
// written once. A search page is records of the data set, which never change (the data set is frozen when it is
// made), and serialising them again for every page was the largest share of the mock's time once Prism's
// verdicts were remembered (bench section 6). Only a shape whose text is certain is assembled here: an object of
// primitives and arrays of frozen flat records; anything else is JSON.stringify's, whole.
import { isPlainObject } from "./exact-json.ts";

/** The text of each frozen flat record written so far (dropped with the record). */
const recordTexts = new WeakMap<object, string>();

/** The body as the JSON text it is sent as: undefined for none. */
export function jsonText(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return assembledText(body) ?? JSON.stringify(body);
}

/** `{"items":[...],...}` from the records' remembered texts, or undefined for a body of another shape. */
function assembledText(body: unknown): string | undefined {
  if (!isPlainObject(body)) return undefined;
  const members: string[] = [];
  for (const key of Object.keys(body)) {
    const value = (body as Record<string, unknown>)[key];
    const text = Array.isArray(value) ? recordsText(value) : primitiveText(value);
    if (text === undefined) return undefined;
    members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(",")}}`;
}

function recordsText(records: readonly unknown[]): string | undefined {
  if ("toJSON" in records) return undefined;
  const texts: string[] = new Array(records.length);
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    if (typeof record !== "object" || record === null) return undefined; // a hole, a primitive: not a record
    let text = recordTexts.get(record);
    if (text === undefined) {
      if (!isFrozenFlatRecord(record)) return undefined;
      text = JSON.stringify(record);
      recordTexts.set(record, text);
    }
    texts[index] = text;
  }
  return `[${texts.join(",")}]`;
}

/** Strings, finite numbers, booleans and null are written the same wherever they are; anything else is not here. */
function primitiveText(value: unknown): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return JSON.stringify(value);
  return undefined;
}

/** A record whose text can never change: frozen, plain, and every property a data property holding a primitive. */
function isFrozenFlatRecord(record: object): boolean {
  if (!Object.isFrozen(record) || !isPlainObject(record)) return false;
  return Object.values(Object.getOwnPropertyDescriptors(record)).every(
    (property) => "value" in property && primitiveText(property.value) !== undefined,
  );
}
