export interface FencedBlock {
  /** The first word of the info string: `ts`, `sh`, `text`, `mermaid`... */
  lang: string;
  /** The other bare words: `run`, `output`. */
  flags: string[];
  /** The `name="value"` words: `no-run="needs Oracle Cloud credentials"`, `tested-by="tools/test/x.test.ts"`. */
  attributes: Record<string, string>;
  source: string;
  /** 1-based line of the opening fence, for error messages. */
  line: number;
}

/** Every fenced block of `markdown`, in order; `name` goes into the error for a block that is never closed. */
export function fencedBlocks(markdown: string, name: string): FencedBlock[];

/** The lines of the first ```sh block in the section under `heading` (e.g. "## Quick start"); [] when none. */
export function shBlockLines(markdown: string, heading: string): string[];
