// Preloaded into a child with NODE_OPTIONS=--import: appends the URL of every module the child loads to the file
// AIDP_TEST_MODULES_FILE names, so that a test sees what a command loads (module.registerHooks, Node >= 22.15).
import { appendFileSync } from "node:fs";
import nodeModule from "node:module";

const file = process.env.AIDP_TEST_MODULES_FILE;
if (!file) throw new Error("record-modules.mjs: set AIDP_TEST_MODULES_FILE");
nodeModule.registerHooks({
  load(url, context, nextLoad) {
    appendFileSync(file, `${url}\n`);
    return nextLoad(url, context);
  },
});
