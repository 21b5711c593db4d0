// Stands in for `string-width`, the text-width function that yargs and cliui import to lay out help and usage
// text: the real module builds an Intl.Segmenter as it loads (15-20 ms of CPU, bench section 7's --cpu-prof), a
// price every command paid at start-up though most never print yargs' layout. The bundle puts this module in
// its place (scripts/bundle.ts, esbuild's `alias`); it loads the real module on its first call, with a synchronous
// require of an ES module. A Node that cannot do that (22.0 to 22.11, or run with --no-experimental-require-module)
// gets the real module loaded up front instead, as before the deferral.
import { createRequire } from "node:module";

type StringWidth = (text: string, options?: object) => number;

/** Not a literal in the imports below: the bundle's alias would turn it into this module. */
const REAL_MODULE = "string-width";

let stringWidth: StringWidth | undefined = process.features.require_module
  ? undefined
  : ((await import(REAL_MODULE)) as { default: StringWidth }).default;

export default function lazyStringWidth(text: string, options?: object): number {
  stringWidth ??= (createRequire(import.meta.url)(REAL_MODULE) as { default: StringWidth }).default;
  return stringWidth(text, options);
}
