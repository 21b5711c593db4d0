// One Chromium for the whole test run: installed when missing, started once as a server, and shared by every
// browser test file through its WebSocket endpoint (each file opens its own context, so pages stay isolated).

import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "@aidp/test-support/chromium";
import { chromium } from "playwright-core";

declare module "vitest" {
  export interface ProvidedContext {
    chromiumWsEndpoint: string;
  }
}

interface ProvideContext {
  provide(key: "chromiumWsEndpoint", value: string): void;
}

export default async function setup(project: ProvideContext): Promise<() => Promise<void>> {
  ensureChromium();
  const server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    host: "127.0.0.1",
  });
  project.provide("chromiumWsEndpoint", server.wsEndpoint());
  return () => server.close();
}
