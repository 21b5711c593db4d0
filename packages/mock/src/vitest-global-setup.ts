// A vitest `globalSetup` module: one mock for the whole test run, its URL provided to every test.
//   vitest.config.ts:  test: { globalSetup: ["@aidp/mock/vitest-global-setup"] }
//   a test:            const url = inject("aidpMockUrl");
import type {} from "vitest";
import { startMock } from "./start-mock.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the AIDP mock started by `@aidp/mock/vitest-global-setup`. */
    aidpMockUrl: string;
  }
}

/** The part of vitest's global-setup context this module uses (vitest's `TestProject`). */
export interface ProvideContext {
  provide(key: "aidpMockUrl", value: string): void;
}

export default async function setup(project: ProvideContext): Promise<() => Promise<void>> {
  const mock = await startMock({ port: 0 });
  project.provide("aidpMockUrl", mock.url);
  return () => mock.stop();
}
