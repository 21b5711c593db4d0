// How the build turns guides/*.md into the site's Markdown, and what it refuses.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUIDES_GROUP, guideAnchor, REFERENCE_GROUP, siteMarkdown } from "../plugins/guides.ts";
import { parseGuide, readGuides } from "../scripts/guides.ts";
import { renderDiagramSvg } from "../scripts/render-diagram.ts";
import { outputMatches, writeOutputIntoGuide } from "./block-output.ts";
import { guideBlocks } from "./guide-blocks.ts";

const require = createRequire(import.meta.url);
const builtPage = readFileSync(new URL("../dist/index.html", import.meta.url), "utf8");
const diagram =
  "sequenceDiagram\n  participant A as Your code\n  participant B as API\n  A->>B: request\n  B-->>A: answer\n";

describe("the guides in the build", () => {
  it("are added to the docs build's copy only: the published @aidp/spec has no guide and no tag group", () => {
    // The published document's text itself, not its facts: what is checked is that the docs build leaves it alone.
    const spec = readFileSync(require.resolve("@aidp/spec/openapi.json"), "utf8");
    expect(spec).not.toContain("x-tagGroups");
    expect(spec).not.toContain("x-traitTag");
    expect(builtPage).toContain(`"x-tagGroups":[{"name":"${GUIDES_GROUP}"`);
    expect(builtPage).toContain(`{"name":"${REFERENCE_GROUP}","tags":["Cluster Logs","Audit Logs"]}`);
  });

  it("turn links between guide files into in-site anchors", () => {
    const guides = [
      parseGuide(
        "01-one.md",
        "# One\n\nSee [two](./02-two.md#a-section), [all of two](./02-two.md), [two again](02-two.md) and [here](#mine).\n",
      ),
      parseGuide("02-two.md", "# Two\n\n## A section\n"),
    ];
    expect(siteMarkdown(guides[0] as never, guides)).toBe(
      "\nSee [two](#/two/a-section), [all of two](#/two), [two again](#/two) and [here](#/one/mine).\n",
    );
    expect(guideAnchor(guides[1] as never, "a-section")).toBe("#/two/a-section");
  });

  it("refuse a link to a guide file that does not exist", () => {
    const guide = parseGuide("01-one.md", "# One\n\n[gone](./09-gone.md)\n");
    expect(() => siteMarkdown(guide, [guide])).toThrow(
      "guides/01-one.md links to 09-gone.md, which is not a guide",
    );
  });

  it("show a runnable block's language only, and a diagram as inline SVG", () => {
    const guide = parseGuide(
      "01-one.md",
      `# One\n\n\`\`\`ts run\nconsole.log(1);\n\`\`\`\n\n\`\`\`mermaid\n${diagram}\`\`\`\n`,
    );
    const markdown = siteMarkdown(guide, [guide]);
    expect(markdown).toContain("```ts\nconsole.log(1);\n```");
    expect(markdown).toMatch(/<div class="aidp-diagram"><svg [^\n]*<\/svg><\/div>/);
  });

  it("refuse a heading whose anchor Redoc and GitHub would disagree on, naming the file and line", () => {
    expect(() => parseGuide("01-one.md", "# One\n\n## Retry on `409`\n")).toThrow(
      'guides/01-one.md:3: a section heading is plain words (letters, digits, spaces, hyphens), got "## Retry on `409`"',
    );
  });

  it("refuse a code block that is never closed", () => {
    expect(() => parseGuide("01-one.md", "# One\n\n```ts\nconst a = 1;\n")).toThrow(
      "guides/01-one.md:3: this code block is never closed",
    );
  });

  it("are the nine guides the site promises, in order", () => {
    expect(readGuides().map((guide) => guide.slug)).toEqual([
      "getting-started",
      "authentication",
      "paging-through-audit-logs",
      "errors-retries-and-timeouts",
      "testing-with-the-mock",
      "the-command-line",
      "checking-the-service-against-the-spec",
      "using-the-api-from-an-ai-agent",
      "troubleshooting",
    ]);
  });

  it("are as many as the root README says", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const counted = /\b(\w+) guides \(/.exec(readme)?.[1];
    const numbers = [
      "no",
      "one",
      "two",
      "three",
      "four",
      "five",
      "six",
      "seven",
      "eight",
      "nine",
      "ten",
      "eleven",
    ];
    expect(counted).toBe(numbers[readGuides().length]);
  });
});

describe("a diagram", () => {
  const svg = renderDiagramSvg(diagram, "test-diagram-1");

  it("is self-contained: no font or anything else from the internet", () => {
    expect(svg).not.toMatch(/googleapis|@import/);
    expect(svg.match(/https?:\/\/[^\s"')]+/g)).toEqual(["http://www.w3.org/2000/svg"]);
  });

  it("needs no camelCase attribute (Redoc lowercases them) and has its own marker ids", () => {
    expect(svg).not.toMatch(/ [a-z]+[A-Z][a-zA-Z]*=/);
    expect(svg).toContain('id="test-diagram-1-seq-arrow"');
    expect(svg).toContain("url(#test-diagram-1-seq-arrow)");
    // The arrowhead is drawn around its tip (the former refX 8, refY 2.5).
    expect(svg).toContain('points="-8 -2.5, 0 0, -8 2.5"');
  });

  it("is one line, so that it stays one HTML block in Markdown", () => {
    expect(svg).not.toContain("\n");
    expect(svg).toContain(">Your code<");
  });
});

describe("comparing a block's output", () => {
  it("matches the same text, with or without a final newline", () => {
    expect(outputMatches("a\nb\n", "a\nb\n")).toBe(true);
    expect(outputMatches("a\nb\n", "a\nb")).toBe(true);
    expect(outputMatches("", "")).toBe(true);
    expect(outputMatches("a,b\nc,d\n", "a,b\r\nc,d\r\n")).toBe(true);
  });

  it("differs on any changed, missing or extra line", () => {
    expect(outputMatches("a\nb\n", "a\nc\n")).toBe(false);
    expect(outputMatches("a\nb\n", "a\n")).toBe(false);
    expect(outputMatches("a\n", "a\nb\n")).toBe(false);
    expect(outputMatches("", "a\n")).toBe(false);
  });

  it("lets a line '...' stand for any lines, and nothing else be a pattern", () => {
    expect(outputMatches("first\n...\nlast\n", "first\nx\ny\nlast\n")).toBe(true);
    expect(outputMatches("first\n...\nlast\n", "first\nlast\n")).toBe(true);
    expect(outputMatches("first\n...\nlast\n", "first\nx\n")).toBe(false);
    expect(outputMatches("a.c (x)\n", "abc x\n")).toBe(false);
  });
});

describe("writing what a block printed into its guide (AIDP_DOCS_UPDATE_OUTPUT=1)", () => {
  it("replaces the output block's lines and leaves the rest of the file as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "aidp-guide-update-"));
    try {
      const block = guideBlocks().find((candidate) => candidate.flags.includes("run") && candidate.output);
      if (!block?.output) throw new Error("no runnable block with an output block in the guides");
      const original = readFileSync(new URL(`../guides/${block.guide.file}`, import.meta.url), "utf8");
      writeFileSync(join(dir, block.guide.file), original);
      writeOutputIntoGuide(block, "first line\nsecond line\n", `${dir}/`);
      const updated = readFileSync(join(dir, block.guide.file), "utf8").split("\n");
      const outputLine = block.output.line; // 1-based line of the opening fence
      expect(updated.slice(outputLine - 1, outputLine + 3)).toEqual([
        "```text output",
        "first line",
        "second line",
        "```",
      ]);
      const outputLength = block.output.source.split("\n").length - 1;
      expect(updated.slice(0, outputLine)).toEqual(original.split("\n").slice(0, outputLine));
      expect(updated.slice(outputLine + 2)).toEqual(original.split("\n").slice(outputLine + outputLength));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
