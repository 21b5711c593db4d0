// The built site (dist/) served on 127.0.0.1 and opened in the run's Chromium, for the browser tests.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStaticSite } from "../scripts/static-site-server.ts";
import { type BrowserSession, openBrowserSession } from "./browser-session.ts";

const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
/** Where the browser tests write their screenshots for people to look at. */
export const RESULTS_DIR = fileURLToPath(new URL("../test-results/", import.meta.url));

export interface OpenedSite extends BrowserSession {
  url: string;
}

export async function openBuiltSite(viewport?: { width: number; height: number }): Promise<OpenedSite> {
  if (!existsSync(`${distDir}index.html`))
    throw new Error(`${distDir}index.html is missing: run \`pnpm build\` first`);
  const site = await serveStaticSite(distDir);
  try {
    const browser = await openBrowserSession(viewport);
    const close = async () => {
      await browser.close();
      await site.close();
    };
    return { ...browser, url: site.url, close };
  } catch (error) {
    await site.close();
    throw error;
  }
}
