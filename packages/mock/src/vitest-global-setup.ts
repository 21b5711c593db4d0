// A vitest `globalSetup` module: one mock for the whole test run, its URL provided to every test.
//   vitest.config.ts:  test: { globalSetup: ["@aidp/mock/vitest-global-setup"] }
//   a test:            const url = inject("aidpMockUrl");
// With options, write a one-line globalSetup file of your own:
//   export default mockGlobalSetup({ records: 2000, seed: "ci" });
import type {} from "vitest";
import type { MockOptions } from "./options.ts";
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

/** A globalSetup function that starts the mock with `options` (port 0 unless given). */
export function mockGlobalSetup(
  options: MockOptions = {},
): (project: ProvideContext) => Promise<() => Promise<void>> {
  return async (project) => {
    const mock = await startMock({ port: 0, ...options });
    project.provide("aidpMockUrl", mock.url);
    return () => mock.stop();
  };
}

export default mockGlobalSetup();
