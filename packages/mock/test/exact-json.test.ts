// The text a verdict is remembered under: a value has one only when the text stands for it exactly, because
// two inputs with the same text share one verdict.
import { describe, expect, it } from "vitest";
import { exactJson } from "../src/exact-json.ts";

describe("exactJson", () => {
  it.each<[string, unknown, string]>([
    ["a string", "a\u2028b", JSON.stringify("a\u2028b")],
    ["numbers, booleans and null", [1, 0, -1.5, true, false, null], "[1,0,-1.5,true,false,null]"],
    ["a nested object", { a: { b: ["c"] }, "": 1 }, '{"a":{"b":["c"]},"":1}'],
    ["an object without a prototype", Object.assign(Object.create(null), { a: 1 }), '{"a":1}'],
  ])("writes %s", (_name, value, text) => {
    expect(exactJson(value)).toBe(text);
  });

  it.each<[string, unknown]>([
    ["Infinity (written as null)", { limit: Number.POSITIVE_INFINITY }],
    ["NaN (written as null)", [Number.NaN]],
    ["-0 (written as 0)", { offset: -0 }],
    ["an undefined property (dropped)", { a: undefined }],
    ["a hole in an array (written as null)", Object.assign([], { 0: 1, 2: 3 })],
    ["a Date (written by its toJSON)", { at: new Date(0) }],
    ["an object with its own toJSON", { toJSON: () => "x" }],
    ["a class instance", { value: new (class Box {})() }],
    ["a function", { f: () => 1 }],
    ["a bigint", 1n],
    ["undefined", undefined],
  ])("has no text for a value holding %s", (_name, value) => {
    expect(exactJson(value)).toBeUndefined();
  });
});
