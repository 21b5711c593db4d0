// Debian's headless Chromium driven by playwright-core, with every request to a host other than 127.0.0.1
// blocked and recorded, and every console error and page error recorded, for the docs tests to assert on.
import { chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export interface BrowserSession {
  page: Page;
  /** URLs the page tried to load from anywhere but 127.0.0.1 (all were aborted). */
  blockedRequests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowserSession(viewport = { width: 1400, height: 900 }): Promise<BrowserSession> {
  // The run's one Chromium (test/global-setup.ts); a new context is a fresh profile: no cookies, no cache.
  const browser = await chromium.connect(inject("chromiumWsEndpoint"));
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
