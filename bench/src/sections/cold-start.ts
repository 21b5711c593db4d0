// Section 2: time for a fresh Node process to import each package, minus the time of a bare `node -e 0`.
// The runs are interleaved (bare, ours, theirs, bare, ...) so that a slow moment of the machine hits all alike.
import { execFileSync } from "node:child_process";
import { benchRoot } from "../measure/run-child.ts";
import { median } from "../measure/stats.ts";
import { fixed, markdownTable, ratio, targetLine } from "../report/markdown.ts";

const runs = 20;
const programs = [
  { name: "bare `node -e 0`", code: "0" },
  { name: "@aidp/client", code: "await import('@aidp/client')" },
  { name: "openapi-fetch", code: "await import('openapi-fetch')" },
  { name: "OCI SDK (oci-aidataplatform + oci-common)", code: "await import('oci-aidataplatform')" },
] as const;

function wallMs(code: string): number {
  const started = performance.now();
  execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: benchRoot, stdio: "ignore" });
  return performance.now() - started;
}

export async function coldStartSection(): Promise<string> {
  const samples = programs.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, program] of programs.entries()) samples[index]?.push(wallMs(program.code));
  }
  const medians = samples.map(median);
  const bare = medians[0] as number;
  const added = medians.map((value) => value - bare);
  const rows = programs.map((program, index) => [
    program.name,
    fixed(medians[index] as number),
    index === 0 ? "—" : fixed(added[index] as number),
  ]);
  const ours = added[1] as number;
  const oci = added[3] as number;
  return [
    "## 2. Cold start",
    "",
    `Wall time of \`node --input-type=module -e "await import('…')"\` in a fresh process, median of ${runs} ` +
      "interleaved runs, minus the median of a bare `node -e 0` started the same way.",
    "",
    markdownTable(["import", "median ms", "added ms"], rows),
    "",
    targetLine(ours <= 5, "@aidp/client adds at most 5 ms", `${fixed(ours)} ms`),
    targetLine(oci / ours >= 20, "at least 20x less added time than the OCI SDK", `${ratio(oci / ours)}`),
  ].join("\n");
}
