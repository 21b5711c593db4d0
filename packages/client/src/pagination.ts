// One pagination mechanism for every operation the spec marks with `x-aidp-pagination`: follows the next-page
// token from page to page, as pages or as items. `maxItems` means one thing either way: at most that many
// records are yielded in all. The page that reaches it is asked for with no more records than are left, so that
// its next-page token resumes right after it (a server that sends more anyway has its page cut). A token the server already sent stops the loop
// with an error instead of looping forever (the stock Prism mock repeats one token on every page).
import { AidpPaginationError } from "./errors.js";
import { type CallOptions, checkCallOptions } from "./options.js";

export interface PageOptions {
  /** Request at most this many pages. */
  maxPages?: number;
  /**
   * Yield at most this many records in all. The page that reaches it is asked for with a page size of the
   * records left (when that is fewer than the page size otherwise), so its `nextPage` resumes right after the
   * last record yielded. A server that sends more anyway has that page cut to fit, and its `nextPage` is then the
   * token that fetched it (undefined for the first page), so resuming from it skips nothing.
   */
  maxItems?: number;
}

// A record, not a list: an option added to PageOptions and not named here is a type error.
// Written out rather than spread from CALL_OPTIONS: a bundler keeps a top-level spread (it may run getters), and
// with it this list in programs that never page.
const PAGE_OPTIONS: Record<keyof (CallOptions & PageOptions), true> = {
  signal: true,
  retry: true,
  timeoutMs: true,
  deadlineMs: true,
  maxPages: true,
  maxItems: true,
};
/** What the options argument of a paging call may name. */
const PAGE_OPTION_NAMES = /* @__PURE__ */ Object.keys(PAGE_OPTIONS);

export interface Page<Item> {
  items: Item[];
  /** The token of the next page, or undefined on the last page. */
  nextPage: string | undefined;
}

/**
 * The pages of `operationId` from `firstToken` on; `fetchPage` is told how many records are still wanted (Infinity
 * without maxItems), to ask for no more. Its options (call options and limits) are checked when the
 * first page is asked for, as every failure of a paging call is. An operation's pages function returns this
 * generator itself: an async generator that delegated to it with `yield*` would hold the page it last yielded
 * through the next page's fetch and parse.
 */
export async function* paginate<Item, P extends Page<Item>>(
  operationId: string,
  fetchPage: (token: string | undefined, wanted: number) => Promise<P>,
  firstToken: string | undefined,
  limits: CallOptions & PageOptions,
): AsyncGenerator<P> {
  checkCallOptions(operationId, limits, PAGE_OPTION_NAMES);
  const maxPages = checkLimit("maxPages", limits.maxPages);
  let remaining = checkLimit("maxItems", limits.maxItems);
  const seenTokens = new Set(firstToken === undefined ? [] : [firstToken]);
  let token = firstToken;
  // Declared out here and emptied before each fetch: a suspended generator keeps every register of its frame,
  // block-scoped or not, so a `const page` in the loop would hold the page before through the next page's
  // fetch and parse (and defeat the items iterator letting go of it).
  let page: P | undefined;
  for (let pages = 1; ; pages++) {
    page = undefined;
    page = await fetchPage(token, remaining);
    const take = Math.min(remaining, page.items.length);
    remaining -= take;
    // A page cut short by maxItems points back at itself: resuming from its nextPage repeats the records it
    // did not yield instead of skipping them.
    yield take < page.items.length ? { ...page, items: page.items.slice(0, take), nextPage: token } : page;
    if (remaining === 0 || pages >= maxPages) return; // a limit reached ends the loop before any token check
    token = page.nextPage;
    if (token === undefined) return;
    if (seenTokens.has(token)) {
      throw new AidpPaginationError(
        `The server sent page token "${token}" a second time after ${pages} pages; stopping instead of looping forever.`,
      );
    }
    seenTokens.add(token);
  }
}

/** Every record of the pages, and where to resume. */
export type ItemsIterator<Item> = AsyncGenerator<Item, undefined> & {
  /**
   * The page token to resume from, as `page`, so that no record is skipped: before the first record, the token
   * the iterator started from; while a page is partly read, the token that fetched that page (its records
   * already yielded come again: de-duplicate by `eventId`); once a page is read to its end, the next page's
   * token, undefined after the last page.
   */
  readonly nextPage: string | undefined;
};

/**
 * Every record of `pages` (which start from `firstToken`), in order. Its `next` is written by hand: an async
 * generator function costs several times more per record (each `yield` is a queued resumption), which shows over
 * a million records. It is still a real AsyncGenerator object (prototype, `Symbol.asyncIterator`,
 * `Symbol.asyncDispose` where the runtime has it), with `next`, `return` and `throw` taken over.
 */
export function itemsOf<Item>(
  pages: AsyncGenerator<Page<Item>>,
  firstToken: string | undefined,
): ItemsIterator<Item> {
  const items = new ItemsOf(pages, firstToken);
  const generator = noItems<Item>();
  generator.next = () => items.next();
  generator.return = () => items.return();
  generator.throw = (error: unknown) => items.throw(error);
  return Object.defineProperty(generator, "nextPage", {
    get: () => items.nextPage,
    enumerable: true,
  }) as ItemsIterator<Item>;
}

/** The shell of itemsOf's generator, whose methods are replaced. */
async function* noItems<Item>(): AsyncGenerator<Item, undefined> {}

class ItemsOf<Item> {
  readonly #pages: AsyncGenerator<Page<Item>>;
  #items: readonly Item[] = [];
  /** How many of #items were yielded. */
  #yielded = 0;
  /** The token that fetched the current page, and the one that fetches the page after it. */
  #currentToken: string | undefined;
  #nextToken: string | undefined;
  /** The next page being fetched; a `next()` made meanwhile waits for it. */
  #pending: Promise<unknown> | undefined;
  /** `return()` was called: no more records, though nextPage still says where the reading stopped. */
  #closed = false;

  constructor(pages: AsyncGenerator<Page<Item>>, firstToken: string | undefined) {
    this.#pages = pages;
    this.#currentToken = firstToken;
    this.#nextToken = firstToken;
  }

  get nextPage(): string | undefined {
    return this.#yielded < this.#items.length ? this.#currentToken : this.#nextToken;
  }

  next(): Promise<IteratorResult<Item, undefined>> {
    if (this.#pending) return this.#pending.then(() => this.next());
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    if (this.#yielded < this.#items.length)
      return Promise.resolve({ value: this.#items[this.#yielded++] as Item, done: false });
    // Let go of the page read to its end before fetching the next: kept, its records would live through the next
    // page's parse, be copied by every young-generation collection meanwhile and end up in the old generation.
    this.#items = [];
    this.#yielded = 0;
    const fetched = this.#pages.next().then(
      (page) => {
        this.#pending = undefined;
        // The pages end after the last one, or at a limit: nextPage is then the last page's, for resuming.
        if (page.done) return { value: undefined, done: true } as const;
        this.#currentToken = this.#nextToken;
        this.#nextToken = page.value.nextPage;
        this.#items = page.value.items;
        this.#yielded = 0;
        return this.next();
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    this.#pending = fetched;
    return fetched;
  }

  async return(): Promise<IteratorResult<Item, undefined>> {
    this.#closed = true;
    await this.#pages.return(undefined);
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<Item, undefined>> {
    await this.return();
    throw error;
  }
}

function checkLimit(name: string, value: number | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`${name} must be an integer >= 1, got ${value}.`);
  return value;
}
