// The JSON text of a value, only when the text stands for the value exactly: parsing it gives back a value that
// nothing can tell apart from the original. JSON.stringify alone is not enough for a cache key: it writes NaN and
// ±Infinity as `null` (JSON.parse("1e400") is Infinity), -0 as `0`, drops an `undefined` property (which a
// validator's "no additional properties" rule still sees) and calls `toJSON`. Such values get no text here, so
// a caller that keys on the text falls back to doing the work.

/** The JSON text of `value` when it is exact (strings, finite numbers, booleans, null, arrays, plain objects). */
export function exactJson(value: unknown): string | undefined {
  return isExactJson(value) ? JSON.stringify(value) : undefined;
}

function isExactJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          // A hole reads as undefined and is written as null.
          if (!(index in value) || !isExactJson(value[index])) return false;
        }
        return true;
      }
      return isPlainObject(value) && Object.values(value).every(isExactJson);
    default:
      return false; // undefined, a function, a symbol, a bigint
  }
}

/** An object JSON writes as its own members: not null, not an array, no class of its own, no `toJSON`. */
export function isPlainObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !("toJSON" in value);
}
