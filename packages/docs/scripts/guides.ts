// The guides: one Markdown file each under guides/, shown before the reference. Their fenced blocks carry what
// the build and the tests do with them, in the fence's info string:
//   ```mermaid          a diagram, rendered to inline SVG at build time
//   ```ts               compiled against the built @aidp/client (test/guide-blocks.test.ts)
//   ```ts run           compiled, then run against a started mock; so is ```sh run
//   ```text output      what the runnable block just before it prints, compared by the test
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type FencedBlock, fencedBlocks } from "@aidp/markdown-blocks";

export const GUIDES_DIR = fileURLToPath(new URL("../guides/", import.meta.url));

export type { FencedBlock };

export interface Guide {
  /** The file name, e.g. `03-paging.md`; its number orders the guides. */
  file: string;
  /** The file name without its number and extension, e.g. `paging`. */
  slug: string;
  /** The text of the first-level heading that opens the file. */
  title: string;
  /** Everything after that heading. */
  body: string;
  blocks: FencedBlock[];
}

const GUIDE_FILE = /^(\d+)-([a-z0-9-]+)\.md$/;
/**
 * Section headings stay plain words: Redoc and GitHub then give a heading the same anchor (lowercase, hyphens),
 * so a link to it works on the site and in the repository. (Redoc cuts a heading's anchor at its first code span.)
 */
const PLAIN_HEADING = /^#{2,6} [A-Za-z0-9][A-Za-z0-9 -]*$/;

export function readGuides(dir = GUIDES_DIR): Guide[] {
  return readdirSync(dir)
    .filter((file) => GUIDE_FILE.test(file))
    .sort()
    .map((file) => parseGuide(file, readFileSync(`${dir}/${file}`, "utf8")));
}

export function parseGuide(file: string, text: string): Guide {
  const [, , slug = ""] = GUIDE_FILE.exec(file) ?? [];
  const heading = /^# (.+)\n/.exec(text);
  if (!heading?.[1]) throw new Error(`guides/${file} must start with a "# Title" line`);
  const blocks = fencedBlocks(text, `guides/${file}`);
  text.split("\n").forEach((line, index) => {
    const insideBlock = blocks.some(
      (block) => index + 1 > block.line && index + 1 <= block.line + block.source.split("\n").length - 1,
    );
    if (/^#{2,6} /.test(line) && !insideBlock && !PLAIN_HEADING.test(line)) {
      throw new Error(
        `guides/${file}:${index + 1}: a section heading is plain words (letters, digits, spaces, hyphens), got "${line}"`,
      );
    }
  });
  return { file, slug, title: heading[1].trim(), body: text.slice(heading[0].length), blocks };
}

/** The anchor GitHub and Redoc give a plain heading. */
export function headingSlug(heading: string): string {
  return heading.toLowerCase().replaceAll(" ", "-");
}
