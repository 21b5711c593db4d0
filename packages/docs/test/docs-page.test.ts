// The built site in Debian's headless Chromium, served on 127.0.0.1: complete, interactive, and offline.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenedSite, openBuiltSite, RESULTS_DIR as resultsDir } from "./built-site.ts";
import { type DocumentedOperation, enumValues, operationById, operations } from "./bundle.ts";
import { whenShown } from "./render-wait.ts";

const VIEWPORT_HEIGHT = 900;

let site: OpenedSite;
let page: Page;

beforeAll(async () => {
  site = await openBuiltSite({ width: 1400, height: VIEWPORT_HEIGHT });
  page = site.page;
  await page.goto(site.url, { waitUntil: "networkidle" });
});

afterAll(async () => {
  await site?.close();
});

function menuItem(label: string) {
  return page.locator('[data-testid="menu-item-label"]').filter({ hasText: new RegExp(`^${label}`) });
}

/**
 * Opens an operation from the sidebar menu, as a reader would: from a freshly loaded page (so no earlier test's
 * menu state matters), its tag, then the operation.
 */
async function openFromMenu(operation: DocumentedOperation): Promise<void> {
  await page.goto(site.url, { waitUntil: "networkidle" });
  const tag = menuItem(operation.tags[0] ?? "").first();
  const operationItem = menuItem(operation.summary).first();
  // A tag's entry toggles its operations, and on a loaded machine Redoc re-renders the menu while it animates
  // or scrolls: expand and click in short tries rather than one long wait on an element being replaced.
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await operationItem.isVisible())) {
        await tag.click({ timeout: 5_000 });
        await operationItem.waitFor({ state: "visible", timeout: 3_000 });
      }
      await operationItem.click({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
  await page.waitForURL(new RegExp(`${operation.operationId}$`, "i"));
}

async function pageText(): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, so innerText (textContent includes hidden text)
  return page.evaluate(() => document.body.innerText);
}

/** Redoc renders sections lazily, later on a loaded machine: wait until every value shows, then say which do not. */
async function expectAllShown(expected: string[]): Promise<void> {
  const missing = async () => {
    const text = await pageText();
    return expected.filter((value) => !text.includes(value));
  };
  await expect.poll(missing, whenShown(`every one of ${expected.join(", ")}`)).toEqual([]);
}

describe("the reference page", () => {
  it("loads with nothing from the internet and no error", () => {
    expect(site.blockedRequests).toEqual([]);
    expect(site.consoleErrors).toEqual([]);
    expect(site.pageErrors).toEqual([]);
  });

  it("links only to what the server has: the menu's links are the page's #/ routes, as served and once loaded", async () => {
    // As served (what a reader without JavaScript, a crawler or a click before the page is ready follows): Redoc
    // pre-renders its menu links as paths (/getting-started), which the server does not have.
    const served = await (await fetch(site.url)).text();
    const pathHrefs = [...served.matchAll(/ href="(\/[^"]*)"/g)].map((match) => match[1]);
    expect(pathHrefs).toEqual([]);
    expect(served).toContain('href="#/getting-started"');
    await page.goto(site.url, { waitUntil: "networkidle" });
    const loaded = await page.evaluate(() =>
      [...document.querySelectorAll("a[data-discover]")].map((link) => link.getAttribute("href") ?? ""),
    );
    expect(loaded).toContain("#/getting-started");
    expect(loaded.filter((href) => !href.startsWith("#/"))).toEqual([]);
  });

  it("lists both operations with their paths", async () => {
    expect(operations).toHaveLength(2);
    // The guides come first and Redoc renders lazily: open each operation, then read its path.
    for (const operation of operations) {
      await openFromMenu(operation);
      await expectAllShown([operation.path]);
    }
  });

  it("scrolls to an operation clicked in the menu", async () => {
    const operation = operationById("searchAuditLogs");
    await openFromMenu(operation);
    const heading = page.locator("h2").filter({ hasText: operation.summary });
    // Scrolled: the operation's heading ends up in the top half of the viewport, the page well below its top.
    await expect
      .poll(
        async () => (await heading.boundingBox())?.y,
        whenShown(`"${operation.summary}" scrolled into view`),
      )
      .toBeGreaterThanOrEqual(0);
    expect((await heading.boundingBox())?.y).toBeLessThan(VIEWPORT_HEIGHT / 2);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(VIEWPORT_HEIGHT / 2);
  });

  it("shows every value of the ObjectType, Operation and Status enums", async () => {
    await openFromMenu(operationById("searchAuditLogs"));
    for (const schema of ["ObjectType", "Operation", "Status"]) {
      await expectAllShown(enumValues(schema).map((value) => `"${value}"`));
    }
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    "lists every documented response status of %s",
    async (_, operation) => {
      await openFromMenu(operation);
      // Redoc draws the response tabs after the operation's heading: wait for all of them, not the first read.
      const statuses = operation.responses.map((response) => response.status);
      await expect
        .poll(
          () => page.getByRole("tab").allInnerTexts(),
          whenShown(`the response tabs ${statuses.join(", ")}`),
        )
        .toEqual(statuses);
    },
  );

  it.each([
    ["downloadClusterLogs", "202"],
    ["searchAuditLogs", "200"],
  ])("shows every header of the %s %s answer", async (operationId, status) => {
    const operation = operationById(operationId);
    const headers = (operation.responses.find((response) => response.status === status)?.headers ?? []).map(
      (header) => header.name,
    );
    expect(headers).toContain(status === "200" ? "opc-next-page" : "aidp-async-operation-key");
    await openFromMenu(operation);
    await page.getByRole("tab", { name: status, exact: true }).click();
    // Each header of the selected answer is listed with a deep link naming that status and that header.
    for (const header of headers) {
      await expect
        .poll(
          () => page.locator(`a[href$="c=${status}&path=${header}"]`).count(),
          whenShown(`the deep link to header ${header} of ${status}`),
        )
        .toBe(1);
      expect(
        await page
          .locator(".schema-name", { hasText: new RegExp(`^${header}$`) })
          .first()
          .isVisible(),
      ).toBe(true);
    }
  });

  it("explains OCI request signing and links to the Authentication guide", async () => {
    await openFromMenu(operationById("searchAuditLogs"));
    await page.getByText("View security details").first().click();
    // The scheme's own description (only it mentions x-content-sha256), and the link the build appends to it.
    await expect.poll(pageText, whenShown("the signing scheme's description")).toContain("x-content-sha256");
    const guide = page.getByRole("link", { name: "the Authentication guide" });
    await expect.poll(() => guide.isVisible(), whenShown("the link to the Authentication guide")).toBe(true);
    expect(await guide.getAttribute("href")).toBe("#/authentication");
    await page.keyboard.press("Escape");
  });

  it("finds SearchAuditLogs when searching for 'audit'", async () => {
    const operation = operationById("searchAuditLogs");
    await page.getByText(/^Search\s*Ctrl\+K$/).click();
    await page.getByPlaceholder("Search docs").fill("audit");
    const hit = page
      .locator('[data-component-name="Search/SearchItem"]')
      .filter({ hasText: operation.summary })
      .filter({ hasText: operation.path });
    await expect.poll(() => hit.count(), whenShown(`one search hit for "${operation.summary}"`)).toBe(1);
    // Choosing the hit opens the operation.
    await hit.click();
    await page.waitForURL(new RegExp(`${operation.operationId}$`, "i"));
  });

  it("writes a full-page screenshot for people to look at", async () => {
    mkdirSync(resultsDir, { recursive: true });
    const screenshot = await page.screenshot({ fullPage: true, path: `${resultsDir}docs-page.png` });
    expect(screenshot.byteLength).toBeGreaterThan(10_000);
  });

  it("made no request beyond 127.0.0.1 and logged no error during all of the above", () => {
    expect(site.blockedRequests).toEqual([]);
    expect(site.consoleErrors).toEqual([]);
    expect(site.pageErrors).toEqual([]);
  });
});
