// Redocly decorator: adds `x-codeSamples` to every operation at build time from the files in samples/
// (`<operationId>.ts` for @aidp/client, `<operationId>.curl.sh` for curl), so the spec itself stays free of
// hand-pasted code and the TypeScript samples can be compiled by the tests.
import { existsSync, readFileSync } from "node:fs";

const SAMPLES_DIR = new URL("../samples/", import.meta.url);

/** The sample files of one operation, in the order the page shows them as tabs. */
const SAMPLE_KINDS = [
  { suffix: ".ts", lang: "TypeScript", label: "TypeScript (@aidp/client)" },
  { suffix: ".curl.sh", lang: "Shell", label: "curl" },
] as const;

interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

interface OperationNode {
  operationId?: string;
  "x-codeSamples"?: CodeSample[];
}

function readCodeSamples(operationId: string): CodeSample[] {
  return SAMPLE_KINDS.map(({ suffix, lang, label }) => {
    const file = new URL(`${operationId}${suffix}`, SAMPLES_DIR);
    if (!existsSync(file)) {
      throw new Error(
        `Operation \`${operationId}\` has no ${label} sample: add packages/docs/samples/${operationId}${suffix}`,
      );
    }
    return { lang, label, source: readFileSync(file, "utf8").trimEnd() };
  });
}

export function codeSamplesDecorator() {
  return {
    Operation: {
      leave(operation: OperationNode) {
        if (!operation.operationId)
          throw new Error("Every operation needs an operationId to find its samples");
        operation["x-codeSamples"] = readCodeSamples(operation.operationId);
      },
    },
  };
}
