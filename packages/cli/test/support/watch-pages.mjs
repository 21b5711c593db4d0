// Preloaded into a child with NODE_OPTIONS=--import: keeps a weak reference to every page of records the child
// parses (a JSON object with a non-empty `items` array) and looks at what is still alive, after collecting
// garbage, at two moments:
// - each time the child starts a request, once it waits for it: the pages still alive;
// - the first time a write to standard output has to wait for its reader (the pipe is full), once the child
//   waits for it: the pages still alive, whether the text of that write is (in a heap snapshot), and how many
//   requests were sent by then. It then writes AIDP_TEST_WRITE_WAITED on standard error, so that the test knows
//   it may read.
// Writes `{ atEachRequest: number[], atWaitingWrite?: { pagesAlive, textAlive, requestsSent } }` to the file
// AIDP_TEST_PAGES_FILE names, on exit.
import { writeFileSync } from "node:fs";
import { getHeapSnapshot, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const file = process.env.AIDP_TEST_PAGES_FILE;
if (!file) throw new Error("watch-pages.mjs: set AIDP_TEST_PAGES_FILE");
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc");
const pages = [];
const findings = { atEachRequest: [] };
let requestsSent = 0;
const pagesAlive = () => pages.filter((page) => page.deref() !== undefined).length;
const parse = JSON.parse;
JSON.parse = (text, reviver) => {
  const value = parse(text, reviver);
  if (Array.isArray(value?.items) && value.items.length > 0) pages.push(new WeakRef(value.items));
  return value;
};
const runtimeFetch = globalThis.fetch;
globalThis.fetch = async (...request) => {
  requestsSent++;
  const answer = runtimeFetch(...request);
  // Every frame of the command is suspended once the request is on its way, as during a real wait.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  findings.atEachRequest.push(pagesAlive());
  return answer;
};

const write = process.stdout.write;
process.stdout.write = function watchedWrite(chunk, ...rest) {
  const handedOver = write.call(this, chunk, ...rest);
  if (!handedOver && findings.atWaitingWrite === undefined && typeof chunk === "string") {
    findings.atWaitingWrite = {};
    // A copy of the text's start (a slice could keep the whole text alive) and its length: enough to know it.
    const start = Buffer.from(chunk.slice(0, 64)).toString();
    const length = chunk.length;
    setImmediate(() => checkWaitingWrite(start, length));
  }
  return handedOver;
};

async function checkWaitingWrite(start, length) {
  const sent = requestsSent;
  collectGarbage();
  findings.atWaitingWrite = {
    pagesAlive: pagesAlive(),
    textAlive: await heapHasString(start, length),
    requestsSent: sent,
  };
  process.stderr.write("AIDP_TEST_WRITE_WAITED\n");
}

/** Whether the heap holds a string of at least `length` characters that begins with `start`. */
async function heapHasString(start, length) {
  let json = "";
  for await (const chunk of getHeapSnapshot()) json += chunk;
  const { snapshot, nodes, strings } = parse(json);
  const fields = snapshot.meta.node_fields;
  const [type, name, selfSize] = ["type", "name", "self_size"].map((field) => fields.indexOf(field));
  const stringType = snapshot.meta.node_types[0].indexOf("string");
  for (let node = 0; node < nodes.length; node += fields.length) {
    // A one-byte string's own size is its length and a header.
    if (nodes[node + type] !== stringType || nodes[node + selfSize] < length) continue;
    if (strings[nodes[node + name]].startsWith(start)) return true;
  }
  return false;
}

process.on("exit", () => writeFileSync(file, JSON.stringify(findings)));
