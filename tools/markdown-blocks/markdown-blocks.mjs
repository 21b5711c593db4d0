// The one reader of fenced code blocks in the repository's Markdown: the README's command blocks (so that CI
// and the publish test run exactly what the documentation tells people to run), the guides' blocks and the
// package READMEs' runnable examples. Plain JavaScript: CI runs it with whatever Node the machine has.

/** A word of an info string: `name="a value with spaces"`, or a bare word. */
const INFO_WORD = /([\w-]+)="([^"]*)"|(\S+)/g;

/**
 * Every fenced block of `markdown`, in order. The info string's first word is `lang`, the other bare words
 * `flags` and its `name="value"` words `attributes` (```sh no-run="needs Oracle Cloud credentials" → lang "sh",
 * attributes { "no-run": "needs Oracle Cloud credentials" }). `name` goes into the error for a block that is
 * never closed.
 * @param {string} markdown
 * @param {string} name
 * @returns {{ lang: string, flags: string[], attributes: Record<string, string>, source: string, line: number }[]}
 */
export function fencedBlocks(markdown, name) {
  const blocks = [];
  /** @type {{ info: string, line: number, lines: string[] } | undefined} */
  let open;
  markdown.split("\n").forEach((lineText, index) => {
    const fence = /^```(.*)$/.exec(lineText);
    if (!open) {
      if (fence) open = { info: fence[1]?.trim() ?? "", line: index + 1, lines: [] };
    } else if (fence && fence[1]?.trim() === "") {
      const [lang, ...words] = [...open.info.matchAll(INFO_WORD)];
      /** @type {Record<string, string>} */
      const attributes = {};
      /** @type {string[]} */
      const flags = [];
      for (const [, attribute, value, flag] of words) {
        if (attribute !== undefined) attributes[attribute] = value ?? "";
        else if (flag !== undefined) flags.push(flag);
      }
      blocks.push({
        lang: lang?.[0] ?? "",
        flags,
        attributes,
        source: `${open.lines.join("\n")}\n`,
        line: open.line,
      });
      open = undefined;
    } else {
      open.lines.push(lineText);
    }
  });
  if (open) throw new Error(`${name}:${open.line}: this code block is never closed`);
  return blocks;
}

/**
 * The lines of the first ```sh block in the section under `heading` (e.g. "## Quick start"); [] when none.
 * @param {string} markdown
 * @param {string} heading
 * @returns {string[]}
 */
export function shBlockLines(markdown, heading) {
  const level = heading.indexOf(" ");
  const title = heading.slice(level + 1);
  const section = markdown.split(new RegExp(`^#{${level}} `, "m")).find((part) => part.startsWith(title));
  const block = section && fencedBlocks(section, heading).find((candidate) => candidate.lang === "sh");
  return block?.source.trim().split("\n") ?? [];
}
