// Stands in for `string-width`, the text-width function that yargs and cliui import to lay out help and usage
// text: the real module builds an Intl.Segmenter as it loads (15-20 ms of CPU, bench section 7's --cpu-prof), a
// price every command paid at start-up though most never print yargs' layout. The bundle puts this module in
// its place (scripts/bundle.ts, esbuild's `alias`); it loads the real module on its first call (a synchronous
// require of an ES module, which Node >= 20.19 does).
import { createRequire } from "node:module";

type StringWidth = (text: string, options?: object) => number;

let stringWidth: StringWidth | undefined;

export default function lazyStringWidth(text: string, options?: object): number {
  stringWidth ??= (createRequire(import.meta.url)("string-width") as { default: StringWidth }).default;
  return stringWidth(text, options);
}
