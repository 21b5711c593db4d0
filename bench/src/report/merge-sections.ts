// `pnpm bench 6 7` re-runs some sections: their text replaces theirs in the results.md of the last full run, and
// every other section is kept as it was, so results.md always has every section and says which run wrote which.

/**
 * The numbered sections of a results.md (`## 6. Mock` up to the next `## ` or the closing run-time line), by
 * number: a section's heading may say more than its title in the runner (`9. Workload identity: the first ...`).
 */
function sectionsOf(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const block of markdown.split(/\n(?=## )/)) {
    const number = /^## (\d+)\. /.exec(block)?.[1];
    if (number) sections.set(number, block.replace(/\n+Total run time: .*\n*$/, "").trimEnd());
  }
  return sections;
}

/** A section title's number: `6` of `6. Mock`. */
const numberOf = (title: string) => title.slice(0, title.indexOf("."));

/**
 * The sections of `titles` in order: the fresh text of those that ran (`fresh`), the earlier text of the others.
 * A section that neither has is left out.
 */
export function mergeSections(
  titles: readonly string[],
  fresh: ReadonlyMap<string, string>,
  earlierMarkdown: string,
): string[] {
  const earlier = sectionsOf(earlierMarkdown);
  return titles.flatMap((title) => {
    const text = fresh.get(title) ?? earlier.get(numberOf(title));
    return text === undefined ? [] : [text];
  });
}

/**
 * The date of the last full run behind an earlier results.md: its "Written by `pnpm bench` on ..." line, or, when
 * that file was itself written by a run of some sections, the full run it names.
 */
export function lastFullRun(markdown: string): string | undefined {
  return (
    /the last full one on (\S+?)\)/.exec(markdown)?.[1] ??
    /^Written by `pnpm bench` on (\S+?)\.(?: |$)/m.exec(markdown)?.[1]
  );
}
