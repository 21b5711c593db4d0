// Every relative link of every Markdown file in the repository leads somewhere: to a file that exists, to a folder
// only when it has a README (what GitHub then shows), and to a heading that exists when it names one (by the
// anchor GitHub gives it). Links to the web are not followed here (the tests run offline), nor the docs site's own
// anchors (`#/paging-through-audit-logs`), which the docs' browser tests follow.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../release/workspace-packages.ts";
import { markdownFiles } from "./support/markdown-files.ts";

/** `[text](target)`, outside code blocks and code spans; the target up to a space or the closing parenthesis. */
const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;

/** The anchor GitHub gives a heading: lower case, punctuation dropped (hyphens and underscores kept), spaces → -. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) => githubAnchor(match[1] ?? "")));
}

/** The text a reader sees as prose: fenced blocks and code spans removed (a `[x](y)` there is not a link). */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```$/gm, "").replace(/`[^`\n]*`/g, "");

const links = markdownFiles().flatMap(({ path }) => {
  const text = readFileSync(join(repoRoot, path), "utf8");
  return [...prose(text).matchAll(LINK)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => ({ from: path, target }));
});

describe("the Markdown's relative links", () => {
  it("are found (the READMEs link to each other and to the guides)", () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it("each lead to a file, a folder with a README, or a heading that exists", () => {
    const broken = links.flatMap(({ from, target }) => {
      const [file = "", anchor] = target.split("#");
      const path =
        file === "" ? join(repoRoot, from) : join(repoRoot, dirname(from), decodeURIComponent(file));
      if (!existsSync(path)) return [`${from}: ${target}: no such file`];
      if (statSync(path).isDirectory())
        return existsSync(join(path, "README.md")) ? [] : [`${from}: ${target}: a folder without a README`];
      // `#/tag/section` is an anchor of the docs site (Redoc's), which the docs' browser tests follow.
      if (anchor?.startsWith("/")) return [];
      if (anchor && path.endsWith(".md") && !anchorsOf(readFileSync(path, "utf8")).has(anchor))
        return [`${from}: ${target}: no heading with the anchor #${anchor}`];
      return [];
    });
    expect(broken).toEqual([]);
  });
});
