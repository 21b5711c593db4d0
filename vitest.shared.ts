// Kept only for packages/mock and packages/cli, whose configs their engineers are rewriting on other branches:
// every other package imports @aidp/test-support/vitest-config. Delete this file once those two do too.
export { sharedGlobalSetup, sharedTestConfig } from "./tools/test-support/src/vitest-config.ts";
