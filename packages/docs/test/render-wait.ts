// Redoc renders after the page's load event and draws each section lazily: beside CPU-bound work that takes
// seconds where a quiet machine needs milliseconds. Every wait on the page goes through `whenShown`: it ends as
// soon as the page shows what is awaited, is bounded well inside the test's own timeout (60 s), and a failure
// names what was awaited. `expect.poll`'s default gives up after 1 s and says nothing of the kind.

/** How long the page may take to show one thing on a machine running other CPU-bound work beside the suite. */
const RENDER_TIMEOUT_MS = 20_000;

/** Options for `expect.poll(read, whenShown("the SearchAuditLogs tabs"))`. */
export function whenShown(what: string): { timeout: number; interval: number; message: string } {
  return { timeout: RENDER_TIMEOUT_MS, interval: 50, message: `waiting for the page to show ${what}` };
}
