// Interleaved rounds: every variant runs once per round, in an order rotated from round to round, so that a
// burst of background load on a shared machine lands on one round rather than on one variant's only run.
// Ratios are taken between two variants of the same round (close in time), then their median is reported.
import { median } from "./stats.ts";

/** The list starting at its `by`-th element: over the rounds every variant goes first, last, ... in turn. */
function rotated<T>(list: readonly T[], by: number): T[] {
  const start = by % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

/** `measure(variant)` for every variant in each of `rounds` rounds; the result maps a variant to its runs by round. */
export async function inRounds<Variant, Result>(
  variants: readonly Variant[],
  rounds: number,
  measure: (variant: Variant) => Promise<Result>,
): Promise<Map<Variant, Result[]>> {
  const runs = new Map<Variant, Result[]>(variants.map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of rotated(variants, round))
      (runs.get(variant) as Result[])[round] = await measure(variant);
  }
  return runs;
}

/** metric(ours) / metric(theirs) in each round; their median, and every round's for the report. */
export function roundRatios<Result>(
  ours: readonly Result[],
  theirs: readonly Result[],
  metric: (run: Result) => number,
): { median: number; perRound: number[] } {
  const perRound = ours.map((run, round) => metric(run) / metric(theirs[round] as Result));
  return { median: median(perRound), perRound };
}

/** The median over the rounds of one metric. */
export const medianOver = <Result>(runs: readonly Result[], metric: (run: Result) => number): number =>
  median(runs.map(metric));
