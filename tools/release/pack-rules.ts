// What a published tarball may contain, and how big each package may get. A tarball's file list goes in;
// every broken rule comes out as a sentence naming the file.

export interface PackedFile {
  path: string;
  size: number;
}

/** Upper bound of each package's unpacked size. A new published package must get a line here. */
export const maxUnpackedBytes: Readonly<Record<string, number>> = {
  "@aidp/spec": 200_000, // two bundles of the spec, YAML and JSON
  "@aidp/types": 100_000, // generated declarations and the enum lists
  "@aidp/client": 270_000, // compiled client with openapi-fetch bundled in (17 kB), declarations, README: 253 kB on 2026-12-07
  "@aidp/mock": 400_000, // compiled starter and CLI, its own copy of the bundle
  "@aidp/docs": 4_000_000, // one self-contained HTML page with Redoc inlined
  // bundled command with yargs and its parts (~200 kB, no longer installed apart: ~500 kB as packages), yargs'
  // translations (67 kB), their licenses, generated flag table and help text, README: 440 kB on 2026-12-07
  "@aidp/cli": 500_000,
  // compiled server and tools, README: about 70 kB on 2026-12-07
  "@aidp/mcp": 150_000,
};

const forbidden: { rule: string; test: (path: string) => boolean }[] = [
  {
    rule: "no tests",
    test: (p) => /(^|\/)(test|tests|__tests__)\//.test(p) || /\.(test|spec)(-d)?\.[cm]?[jt]sx?$/.test(p),
  },
  { rule: "no test reports", test: (p) => /(^|\/)test-results\//.test(p) },
  { rule: "no turbo cache", test: (p) => /(^|\/)\.turbo\//.test(p) },
  { rule: "no tsconfig", test: (p) => /(^|\/)tsconfig[^/]*\.json$/.test(p) },
  {
    rule: "no TypeScript sources (declarations only)",
    test: (p) => /\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p),
  },
  {
    rule: "no vitest or build configs",
    test: (p) => /(^|\/)(vitest|vite|turbo)\.config\.|(^|\/)turbo\.json$/.test(p),
  },
  { rule: "no benchmarks", test: (p) => /(^|\/)bench\//.test(p) },
];

/**
 * Problems of one tarball's file list. `readSourceMap` returns a shipped `.map` file's JSON so that its
 * `sources` can be checked: a map may only point at files inside the tarball, never at private paths.
 */
export function packProblems(
  name: string,
  files: readonly PackedFile[],
  unpackedSize: number,
  readSourceMap: (path: string) => { sources?: string[] },
): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const { rule, test } of forbidden) {
      if (test(file.path)) problems.push(`${name}: ${file.path} is packed (rule: ${rule})`);
    }
    if (file.path.endsWith(".map")) {
      const directory = file.path.split("/").slice(0, -1);
      for (const source of readSourceMap(file.path).sources ?? []) {
        const resolved = normalise([...directory, ...source.split("/")]);
        if (resolved === undefined || !files.some((f) => f.path === resolved)) {
          problems.push(
            `${name}: ${file.path} points at ${source}, which is not in the package (rule: no source maps of private paths)`,
          );
        }
      }
    }
  }
  const bound = maxUnpackedBytes[name];
  if (bound === undefined) {
    problems.push(`${name}: no size bound; add one to maxUnpackedBytes in tools/release/pack-rules.ts`);
  } else if (unpackedSize > bound) {
    problems.push(`${name}: unpacked size ${unpackedSize} bytes is over its bound of ${bound} bytes`);
  }
  return problems;
}

/** Resolves `.`/`..` segments; undefined when the path climbs out of the package. */
function normalise(segments: string[]): string | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out.join("/");
}
