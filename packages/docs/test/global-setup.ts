// One Chromium for the whole test run: installed when missing, started once as a server, and shared by every
// browser test file through its WebSocket endpoint (each file opens its own context, so pages stay isolated).
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../scripts/chromium-args.ts";
import { CHROMIUM_PATH, ensureChromium } from "../scripts/ensure-chromium.ts";

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
