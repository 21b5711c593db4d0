// Preloaded into a child with NODE_OPTIONS=--import: keeps a weak reference to every page of records the child
// parses (a JSON object with a non-empty `items` array), and each time the child starts a request, once it waits
// for it, collects garbage and counts the pages still alive. Writes the counts, one JSON array, to the file
// AIDP_TEST_PAGES_FILE names, on exit.
import { writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const file = process.env.AIDP_TEST_PAGES_FILE;
if (!file) throw new Error("watch-pages.mjs: set AIDP_TEST_PAGES_FILE");
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc");
const pages = [];
const aliveAtEachRequest = [];
const parse = JSON.parse;
JSON.parse = (text, reviver) => {
  const value = parse(text, reviver);
  if (Array.isArray(value?.items) && value.items.length > 0) pages.push(new WeakRef(value.items));
  return value;
};
const runtimeFetch = globalThis.fetch;
globalThis.fetch = async (...request) => {
  const answer = runtimeFetch(...request);
  // Every frame of the command is suspended once the request is on its way, as during a real wait.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  aliveAtEachRequest.push(pages.filter((page) => page.deref() !== undefined).length);
  return answer;
};
process.on("exit", () => writeFileSync(file, JSON.stringify(aliveAtEachRequest)));
