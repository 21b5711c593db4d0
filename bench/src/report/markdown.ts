// Markdown tables for results.md: every section renders its measurements through this one helper.

export type Cell = string | number;

export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map(String).join(" | ")} |`;
  const rule = `|${headers.map((_, index) => (index === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** "target met" / "target NOT met", with the rule and the measured value, for the honest verdict lines. */
export function targetLine(met: boolean, rule: string, measured: string): string {
  return `- Target ${rule}: **${met ? "met" : "NOT met"}** (${measured}).`;
}

export const fixed = (value: number, digits = 1): string => value.toFixed(digits);
export const ratio = (value: number): string => `${value.toFixed(2)}x`;
