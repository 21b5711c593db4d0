// One source for each text: the guides own the narrative, the package READMEs link to them. A sentence of a
// guide repeated in a README fails here (with both places), and so does a README link to a guide or a section
// that does not exist.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Guide, headingSlug, readGuides } from "../scripts/guides.ts";

const packagesDir = fileURLToPath(new URL("../../", import.meta.url));
const guides = readGuides();
/** Long enough to be a thought written twice, not a shared phrase such as a field list. */
const MIN_SENTENCE_LENGTH = 60;

const readmes = readdirSync(packagesDir)
  .filter((name) => name !== "docs" && existsSync(`${packagesDir}${name}/README.md`))
  .map((name) => ({
    path: `packages/${name}/README.md`,
    text: readFileSync(`${packagesDir}${name}/README.md`, "utf8"),
  }));

const normalized = (text: string) => text.replace(/\s+/g, " ").trim();

/** The sentences of a guide's prose: outside code blocks, tables and headings. */
function sentences(guide: Guide): string[] {
  const prose = guide.body
    .replace(/^```[\s\S]*?^```$/gm, "")
    .split("\n")
    .filter((line) => !line.startsWith("|") && !line.startsWith("#"))
    .join("\n");
  return prose
    .split(/\n\s*\n/)
    .flatMap((paragraph) => normalized(paragraph).split(/(?<=[.:;])\s+/))
    .map((sentence) => sentence.replace(/^[-*] /, ""))
    .filter((sentence) => sentence.length >= MIN_SENTENCE_LENGTH);
}

describe("the guides and the package READMEs", () => {
  it("share no sentence: a README links to the guide instead of repeating it", () => {
    const repeated = readmes.flatMap((readme) => {
      const text = normalized(readme.text);
      return guides.flatMap((guide) =>
        sentences(guide)
          .filter((sentence) => text.includes(sentence))
          .map((sentence) => `${readme.path} repeats guides/${guide.file}: "${sentence}"`),
      );
    });
    expect(repeated).toEqual([]);
  });

  it("link to guides and sections that exist", () => {
    const links = readmes.flatMap((readme) =>
      [...readme.text.matchAll(/\]\(\.\.\/docs\/guides\/([^)#]+)(?:#([^)]+))?\)/g)].map((match) => ({
        readme: readme.path,
        file: match[1] ?? "",
        section: match[2],
      })),
    );
    expect(links.length).toBeGreaterThan(0);
    const broken = links.filter(({ file, section }) => {
      const guide = guides.find((candidate) => candidate.file === file);
      if (!guide) return true;
      const slugs = [...guide.body.matchAll(/^#{2,6} (.+)$/gm)].map((heading) =>
        headingSlug(heading[1] ?? ""),
      );
      return section !== undefined && !slugs.includes(section);
    });
    expect(broken).toEqual([]);
  });
});
