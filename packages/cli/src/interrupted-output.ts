// What Ctrl-C leaves behind, said truthfully: records already on standard output stay there (cut short), an
// --output-file is written only when complete (its temporary file is removed), and a file that was completed
// before the interruption (download-logs' job, before --wait) is kept.
import { formatCount } from "./progress.ts";

export interface WrittenSoFar {
  /** Records handed to the output (standard output, or --output-file's temporary file). */
  records: number;
  /** Where they went: undefined for standard output. */
  outputFile: string | undefined;
  /** The output was completed (for a file, renamed into place) before the interruption (download-logs' job). */
  committed: boolean;
  format: string;
}

export function describeInterruptedOutput({ records, outputFile, committed, format }: WrittenSoFar): string {
  const count = `${formatCount(records)} record${records === 1 ? "" : "s"}`;
  if (outputFile !== undefined) {
    if (committed) return `${count} had been written to ${outputFile}, which is complete`;
    return `nothing was written to ${outputFile}${records > 0 ? ` (the ${count} read were in a temporary file, now removed)` : ""}`;
  }
  if (records === 0) return "nothing was written";
  if (committed) return `${count} had been written to standard output, complete`;
  return `${count} had been written to standard output, which is cut short${format === "json" ? " (not a complete JSON document)" : ""}`;
}
