// Where a mock's CPU time went, from a V8 CPU profile (`node --cpu-prof`): every sample is put in the part of the
// mock it was spent for, found by walking its stack from the running function towards the root and taking the
// first frame that names a part (fp-ts inside Prism's validator counts as Prism's checks; SHA-256 inside the
// verdict cache counts as the cache). Idle samples are left out: shares are of the time the mock was busy.

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A part of the mock, and how to tell a frame of it: the mock's file (dist/NAME.js) and function, or Node's. */
const PARTS: readonly [part: string, matches: (frame: CallFrame) => boolean][] = [
  ["Prism: routing", mockFunction("prism-adapter", /^(routeRequest|pathMatches)$/)],
  [
    "remembering Prism's verdicts (keys, SHA-256)",
    (frame) =>
      mockFile("verdict-cache")(frame) ||
      mockFile("exact-json")(frame) ||
      mockFunction("prism-adapter", /VerdictKey$|^headerNamesRead$|^headersRead$/)(frame),
  ],
  // The rest of the adapter is validation: validateRequest, validateResponse and the closures they hand Prism.
  ["Prism: checking requests and answers", mockFile("prism-adapter")],
  ["serialising answers to JSON", mockFile("json-text")],
  ["page tokens (HMAC)", mockFile("page-tokens")],
  ["searching the records (filter, sort, page)", mockFile("audit-search")],
  [
    "writing answers to sockets",
    (frame) =>
      mockFunction("http-io", /^write$/)(frame) ||
      /^node:(net|_http_outgoing|internal\/streams)/.test(frame.url),
  ],
  ["Node's HTTP parser", (frame) => /^node:(_http_server|_http_common|_http_incoming)$/.test(frame.url)],
  ["garbage collection", (frame) => frame.functionName === "(garbage collector)"],
  ["the mock's other request handling", (frame) => /\/packages\/mock\/dist\//.test(frame.url)],
];
const OTHER = "other (Node.js internals, module loading, timers)";

function mockFile(name: string) {
  return (frame: CallFrame) => frame.url.endsWith(`/packages/mock/dist/${name}.js`);
}
function mockFunction(name: string, functionName: RegExp) {
  return (frame: CallFrame) => mockFile(name)(frame) && functionName.test(frame.functionName);
}

/** Each part's share of the busy samples' time, largest first. */
export function cpuShares(profile: CpuProfile): { part: string; share: number }[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const partOfNode = new Map<number, string>();
  const partOf = (id: number): string => {
    const known = partOfNode.get(id);
    if (known) return known;
    let part = OTHER;
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = (nodes.get(at) as ProfileNode).callFrame;
      const found = PARTS.find(([, matches]) => matches(frame));
      if (found) {
        part = found[0];
        break;
      }
    }
    partOfNode.set(id, part);
    return part;
  };
  const time = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const frame = (nodes.get(id) as ProfileNode).callFrame;
    if (frame.functionName === "(idle)") return;
    const delta = profile.timeDeltas[index] ?? 0;
    busy += delta;
    const part = partOf(id);
    time.set(part, (time.get(part) ?? 0) + delta);
  });
  return [...time]
    .map(([part, microseconds]) => ({ part, share: microseconds / busy }))
    .sort((a, b) => b.share - a.share);
}
