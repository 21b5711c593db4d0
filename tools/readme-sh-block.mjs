// The one reader of the README's command blocks, so that CI and the publish test run exactly what the
// documentation tells people to run. Plain JavaScript: CI runs it with whatever Node the machine has.

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
  const block = section && /```sh\n([\s\S]*?)```/.exec(section);
  return block?.[1]?.trim().split("\n") ?? [];
}
