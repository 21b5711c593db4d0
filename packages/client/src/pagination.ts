// Follows `opc-next-page` from page to page. A token the server already sent stops the loop with an error
// instead of looping forever (the stock Prism mock repeats one token on every page).
import { AidpPaginationError } from "./errors.js";

export interface PageOptions {
  /** Stop after this many pages. */
  maxPages?: number;
  /** Stop after this many records (pages: after the page that reaches it). */
  maxItems?: number;
}

interface Page {
  items: readonly unknown[];
  nextPage: string | undefined;
}

export async function* paginate<P extends Page>(
  fetchPage: (token: string | undefined) => Promise<P>,
  limits: PageOptions,
): AsyncGenerator<P> {
  for (const [name, value] of Object.entries({ maxPages: limits.maxPages, maxItems: limits.maxItems })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1))
      throw new TypeError(`${name} must be an integer >= 1, got ${value}.`);
  }
  const seenTokens = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  let items = 0;
  do {
    const page = await fetchPage(token);
    pages++;
    items += page.items.length;
    yield page;
    token = page.nextPage;
    if (token !== undefined && seenTokens.has(token)) {
      throw new AidpPaginationError(
        `The server sent page token "${token}" a second time after ${pages} pages; stopping instead of looping forever.`,
      );
    }
    if (token !== undefined) seenTokens.add(token);
  } while (
    token !== undefined &&
    pages < (limits.maxPages ?? Number.POSITIVE_INFINITY) &&
    items < (limits.maxItems ?? Number.POSITIVE_INFINITY)
  );
}
