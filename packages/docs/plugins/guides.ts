// Redocly decorator: puts the guides (guides/*.md) before the reference, in the docs build's copy of the bundle
// only (the published @aidp/spec stays a clean API description). Each guide becomes a trait tag (a tag with
// no operations, which Redoc shows as a page of Markdown), and `x-tagGroups` orders "Guides" before the
// spec's own tags. Diagrams are rendered to inline SVG here, and links between guide files become in-site links.
import { type Guide, readGuides } from "../scripts/guides.ts";
import { renderDiagramSvg } from "../scripts/render-diagram.ts";

interface TagNode {
  name: string;
  description?: string;
  "x-traitTag"?: boolean;
  "x-displayName"?: string;
}

interface RootNode {
  tags?: TagNode[];
  paths?: Record<string, Record<string, { tags?: string[] }>>;
  "x-tagGroups"?: { name: string; tags: string[] }[];
}

export const GUIDES_GROUP = "Guides";
export const REFERENCE_GROUP = "API reference";

/**
 * The in-site anchor of a guide, or of a heading inside it: Redoc 3 links a tag as `#/<tag name>` and a heading
 * of its description as `#/<tag name>/<heading slug>`, the slug GitHub gives the heading in the guide file.
 */
export function guideAnchor(guide: Guide, headingSlug?: string): string {
  return headingSlug ? `#/${guide.slug}/${headingSlug}` : `#/${guide.slug}`;
}

/** `](./03-paging.md#resuming)`, `](03-paging.md)` or `](#resuming)`: links as they work on GitHub. */
const GUIDE_LINK = /\]\((?:(?:\.\/)?(\d+-[a-z0-9-]+\.md))?(?:#([^)/][^)]*))?\)/g;

/** A guide's Markdown as the site shows it. */
export function siteMarkdown(guide: Guide, guides: Guide[]): string {
  return withSiteBlocks(guide).replace(
    GUIDE_LINK,
    (link, file: string | undefined, heading: string | undefined) => {
      if (file === undefined && heading === undefined) return link;
      const target = file === undefined ? guide : guides.find((candidate) => candidate.file === file);
      if (!target) throw new Error(`guides/${guide.file} links to ${file}, which is not a guide`);
      return `](${guideAnchor(target, heading)})`;
    },
  );
}

/**
 * The guide's body with each fenced block (as the one block reader found it) as the page shows it: a diagram
 * as inline SVG, any other block with its language only (the flags `run` and `output` are for the tests).
 */
function withSiteBlocks(guide: Guide): string {
  const lines = guide.body.split("\n");
  const bodyStart = 2; // the body begins on the file's second line, after the "# Title" line
  let diagrams = 0;
  const shown = guide.blocks.map((block) =>
    block.lang === "mermaid"
      ? `<div class="aidp-diagram">${renderDiagramSvg(block.source, `${guide.slug}-diagram-${++diagrams}`)}</div>`
      : `\`\`\`${block.lang}\n${block.source}\`\`\``,
  );
  // From the last block back, so that the line numbers of the blocks before it stay right.
  for (let index = guide.blocks.length - 1; index >= 0; index--) {
    const block = guide.blocks[index] as Guide["blocks"][number];
    const sourceLines = block.source.split("\n").length - 1;
    lines.splice(block.line - bodyStart, sourceLines + 2, shown[index] as string);
  }
  return lines.join("\n");
}

export function guidesDecorator() {
  return {
    Root: {
      leave(root: RootNode) {
        const guides = readGuides();
        // With x-tagGroups, Redoc hides every tag no group names: the reference group takes the declared tags
        // and any tag an operation uses without declaring it.
        const operationTags = Object.values(root.paths ?? {}).flatMap((methods) =>
          Object.values(methods).flatMap((operation) => operation.tags ?? []),
        );
        const referenceTags = [...new Set([...(root.tags ?? []).map((tag) => tag.name), ...operationTags])];
        const clash = referenceTags.find((tag) => guides.some((guide) => guide.slug === tag));
        if (clash)
          throw new Error(`The spec's tag "${clash}" has the name of a guide: rename guides/NN-${clash}.md`);
        root.tags = [
          ...guides.map((guide) => ({
            name: guide.slug,
            "x-displayName": guide.title,
            description: siteMarkdown(guide, guides),
            "x-traitTag": true,
          })),
          ...(root.tags ?? []),
        ];
        root["x-tagGroups"] = [
          { name: GUIDES_GROUP, tags: guides.map((guide) => guide.slug) },
          { name: REFERENCE_GROUP, tags: referenceTags },
        ];
      },
    },
  };
}
