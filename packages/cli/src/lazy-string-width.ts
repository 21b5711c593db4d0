// Stands in for `string-width`, the text-width function that yargs and cliui import to lay out help and usage
// text: the real module builds an Intl.Segmenter as it loads (15-20 ms of CPU, bench section 7's --cpu-prof), a
// price every command paid at start-up though most never print yargs' layout. This one loads the real module
// on its first call (a synchronous require of an ES module, which Node >= 20.19 does). ./defer-string-width.ts
// puts it in place, with the real module's URL as `?of=`.
import { createRequire } from "node:module";

type StringWidth = (text: string, options?: object) => number;

const realUrl = new URL(import.meta.url).searchParams.get("of");
let stringWidth: StringWidth | undefined;

export default function lazyStringWidth(text: string, options?: object): number {
  if (!realUrl) throw new Error("lazy-string-width: loaded without the real module's URL (?of=)");
  stringWidth ??= (
    createRequire(realUrl)(realUrl.startsWith("file:") ? new URL(realUrl).pathname : realUrl) as {
      default: StringWidth;
    }
  ).default;
  return stringWidth(text, options);
}
