// Debian's headless Chromium driven by playwright-core, with every request to a host other than 127.0.0.1
// blocked and recorded, and every console error and page error recorded, for the docs tests to assert on.
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_PATH } from "../scripts/ensure-chromium.ts";

export interface BrowserSession {
  page: Page;
  /** URLs the page tried to load from anywhere but 127.0.0.1 (all were aborted). */
  blockedRequests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function openBrowserSession(viewport = { width: 1400, height: 900 }): Promise<BrowserSession> {
  // playwright's launch() runs headless with a fresh temporary profile (user data dir) each time.
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    return await startSession(browser, viewport);
  } catch (error) {
    await browser.close(); // nobody else holds it yet
    throw error;
  }
}

async function startSession(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserSession> {
  const context = await browser.newContext({ viewport });
  const session: BrowserSession = {
    page: await context.newPage(),
    blockedRequests: [],
    consoleErrors: [],
    pageErrors: [],
    close: () => browser.close(),
  };
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    session.blockedRequests.push(url.href);
    return route.abort("blockedbyclient");
  });
  await context.routeWebSocket(/.*/, (socket) => {
    if (new URL(socket.url()).hostname === "127.0.0.1") return socket.connectToServer();
    session.blockedRequests.push(socket.url());
    return socket.close();
  });
  session.page.on("console", (message) => {
    if (message.type() === "error") session.consoleErrors.push(message.text());
  });
  session.page.on("pageerror", (error) => session.pageErrors.push(error.message));
  return session;
}
