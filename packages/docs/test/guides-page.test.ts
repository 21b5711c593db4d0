// The guides in the built site, in headless Chromium with every request beyond 127.0.0.1 blocked: each guide
// renders with its sections and diagrams, the site's search finds each guide, every in-site link leads to an
// element, and nothing is fetched from the internet or logged as an error. Screenshots go to test-results/.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guideAnchor, siteMarkdown } from "../plugins/guides.ts";
import { type Guide, headingSlug, readGuides } from "../scripts/guides.ts";
import { type OpenedSite, openBuiltSite, RESULTS_DIR as resultsDir } from "./built-site.ts";
import { whenShown } from "./render-wait.ts";

const guides = readGuides();

let site: OpenedSite;
let page: Page;

beforeAll(async () => {
  site = await openBuiltSite();
  page = site.page;
});

afterAll(async () => {
  await site?.close();
});

/** The `## Heading` lines of a guide, outside code blocks. */
function sectionHeadings(guide: Guide): string[] {
  return [...guide.body.matchAll(/^## (.+)$/gm)].map((match) => match[1] ?? "");
}

/** The heading under which each diagram of a guide stands, and the first participant label it draws. */
function diagrams(guide: Guide): { heading: string; label: string }[] {
  return guide.blocks
    .filter((block) => block.lang === "mermaid")
    .map((block) => {
      const before = guide.body.slice(0, guide.body.indexOf(block.source));
      const heading = [...before.matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? "";
      const label = /participant \S+ as (.+)/.exec(block.source)?.[1]?.trim() ?? "";
      return { heading, label };
    });
}

/** Opens an in-site anchor from a fresh load and waits for Redoc's lazily rendered element with that id. */
async function openAnchor(hash: string): Promise<boolean> {
  await page.goto(`${site.url}${hash}`, { waitUntil: "networkidle" });
  const id = decodeURIComponent(hash.slice(1));
  const present = () =>
    page.evaluate(([a, b]) => Boolean(document.getElementById(a) ?? document.getElementById(b)), [
      id,
      id.replace(/^\//, ""),
    ] as const);
  await expect
    .poll(present, whenShown(`the element #${id}`))
    .toBe(true)
    .catch(() => undefined);
  return present();
}

describe("the guides", () => {
  it("are listed in the menu under Guides, before the API reference, in file order", async () => {
    await page.goto(site.url, { waitUntil: "networkidle" });
    const labels = await page.locator('[data-testid="menu-item-label"]').allInnerTexts();
    const guidesAt = labels.indexOf("Guides");
    expect(labels.slice(guidesAt + 1, guidesAt + 1 + guides.length)).toEqual(
      guides.map((guide) => guide.title),
    );
    expect(labels.indexOf("API reference")).toBe(guidesAt + 1 + guides.length);
  });

  it.each(guides.map((guide) => [guide.title, guide] as const))(
    "%s renders its sections and diagrams",
    async (_, guide) => {
      expect(await openAnchor(guideAnchor(guide))).toBe(true);
      await expect
        .poll(
          () => page.locator("h1, h2").filter({ hasText: guide.title }).count(),
          whenShown(`the heading "${guide.title}"`),
        )
        .toBeGreaterThan(0);
      for (const heading of sectionHeadings(guide)) {
        expect(await openAnchor(guideAnchor(guide, headingSlug(heading))), `section "${heading}"`).toBe(true);
      }
      for (const { heading, label } of diagrams(guide)) {
        await openAnchor(guideAnchor(guide, headingSlug(heading)));
        const diagram = page.locator(".aidp-diagram svg").filter({ hasText: label }).first();
        await expect.poll(() => diagram.isVisible(), whenShown(`the diagram with "${label}"`)).toBe(true);
        // Drawn, not an empty box: the SVG has its participants' text and the arrows between them.
        expect(await diagram.locator("text").count()).toBeGreaterThan(3);
        expect(await diagram.locator("line, path, polyline").count()).toBeGreaterThan(3);
      }
      await openAnchor(guideAnchor(guide));
      mkdirSync(resultsDir, { recursive: true });
      const shot = await page.screenshot({ path: `${resultsDir}guide-${guide.slug}.png` });
      expect(shot.byteLength).toBeGreaterThan(10_000);
    },
  );

  it("has at least the paging loop and the log export as diagrams", () => {
    const labels = guides.flatMap((guide) =>
      diagrams(guide).map(({ heading }) => `${guide.slug}/${heading}`),
    );
    expect(labels).toEqual(
      expect.arrayContaining([
        "paging-through-audit-logs/The loop",
        "errors-retries-and-timeouts/Log exports",
      ]),
    );
  });

  it.each(guides.map((guide) => [guide.title, guide] as const))(
    "%s is found by the site's search",
    async (_, guide) => {
      const phrase = sectionHeadings(guide)[0] ?? guide.title;
      await page.goto(site.url, { waitUntil: "networkidle" });
      await page.getByText(/^Search\s*Ctrl\+K$/).click();
      await page.getByPlaceholder("Search docs").fill(phrase);
      const hit = page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: phrase });
      await expect.poll(() => hit.count(), whenShown(`a search hit for "${phrase}"`)).toBeGreaterThan(0);
      await page.keyboard.press("Escape");
    },
  );

  it('links only to elements that exist (every href="#..." on every section of every guide)', async () => {
    // Every in-site link the guides' Markdown has, and every one the page shows around them (Redoc renders the
    // sections lazily, so each section is opened before its links are read).
    const hrefs = new Set(
      guides.flatMap((guide) =>
        [...siteMarkdown(guide, guides).matchAll(/\]\((#[^)]+)\)/g)].map((link) => link[1] ?? ""),
      ),
    );
    // An anchor already opened from a fresh load here is not opened again below.
    const opened = new Map<string, boolean>();
    for (const guide of guides) {
      const sections = sectionHeadings(guide).map((heading) => guideAnchor(guide, headingSlug(heading)));
      for (const anchor of [guideAnchor(guide), ...sections]) {
        opened.set(anchor, await openAnchor(anchor));
        const shown = await page.evaluate(() =>
          [...document.querySelectorAll('a[href^="#"]')].map((link) => link.getAttribute("href") ?? ""),
        );
        for (const href of shown) if (href !== "#" && href !== "#/") hrefs.add(href);
      }
    }
    expect(hrefs.size).toBeGreaterThan(guides.length);
    const broken: string[] = [];
    for (const href of hrefs) if (!(opened.get(href) ?? (await openAnchor(href)))) broken.push(href);
    expect(broken).toEqual([]);
    // Some forty page loads, each waiting for Redoc to draw a section: 33 s of the default 60 s beside other work.
  }, 180_000);

  it("made no request beyond 127.0.0.1 and logged no error during all of the above", () => {
    expect(site.blockedRequests).toEqual([]);
    expect(site.consoleErrors).toEqual([]);
    expect(site.pageErrors).toEqual([]);
  });
});
