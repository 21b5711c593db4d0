// How deep a JSON value nests, for the tools that take JSON from outside (aidp's --body, the mock's and the
// gateway's request and answer bodies). The API's fields nest a level or two; a value nested thousands deep only
// overflows the stack of the code that checks, keys or shows it (JSON.stringify among them), so it is refused
// before any of that runs.

/** The deepest nesting of objects and arrays the tools take. */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects and arrays deeper than `limit`; walked with a stack of its own, not recursion. */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
