// One pagination mechanism for every operation the spec marks with `x-aidp-pagination`: follows the next-page
// token from page to page, as pages or as items. `maxItems` means one thing either way: at most that many
// records are yielded in all (a page that crosses it is cut). A token the server already sent stops the loop
// with an error instead of looping forever (the stock Prism mock repeats one token on every page).
import { AidpPaginationError } from "./errors.js";

export interface PageOptions {
  /** Request at most this many pages. */
  maxPages?: number;
  /**
   * Yield at most this many records in all; the page that reaches it is cut to fit, and its `nextPage` is then
   * the token that fetched it (undefined for the first page), so resuming from it skips nothing.
   */
  maxItems?: number;
}

export interface Page<Item> {
  items: Item[];
  /** The token of the next page, or undefined on the last page. */
  nextPage: string | undefined;
}

export async function* paginate<Item, P extends Page<Item>>(
  fetchPage: (token: string | undefined) => Promise<P>,
  firstToken: string | undefined,
  limits: PageOptions,
): AsyncGenerator<P> {
  const maxPages = checkLimit("maxPages", limits.maxPages);
  let remaining = checkLimit("maxItems", limits.maxItems);
  const seenTokens = new Set(firstToken === undefined ? [] : [firstToken]);
  let token = firstToken;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(token);
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

/**
 * Every record of `pages`, in order. Its `next` is written by hand: an async generator function costs several
 * times more per record (each `yield` is a queued resumption), which shows over a million records. It is
 * still a real AsyncGenerator object (prototype, `Symbol.asyncIterator`, `Symbol.asyncDispose` where the
 * runtime has it), with `next`, `return` and `throw` taken over.
 */
export function itemsOf<Item>(pages: AsyncGenerator<Page<Item>>): AsyncGenerator<Item, undefined> {
  const items = new ItemsOf(pages);
  const generator = noItems<Item>();
  generator.next = () => items.next();
  generator.return = () => items.return();
  generator.throw = (error: unknown) => items.throw(error);
  return generator;
}

/** The shell of itemsOf's generator, whose methods are replaced. */
async function* noItems<Item>(): AsyncGenerator<Item, undefined> {}

class ItemsOf<Item> {
  readonly #pages: AsyncGenerator<Page<Item>>;
  #current: Iterator<Item> = [][Symbol.iterator]();
  /** The next page being fetched; a `next()` made meanwhile waits for it. */
  #pending: Promise<unknown> | undefined;

  constructor(pages: AsyncGenerator<Page<Item>>) {
    this.#pages = pages;
  }

  next(): Promise<IteratorResult<Item, undefined>> {
    if (this.#pending) return this.#pending.then(() => this.next());
    const step = this.#current.next();
    if (!step.done) return Promise.resolve(step);
    const fetched = this.#pages.next().then(
      (page) => {
        this.#pending = undefined;
        if (page.done) return { value: undefined, done: true } as const;
        this.#current = page.value.items[Symbol.iterator]();
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
    this.#current = [][Symbol.iterator]();
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
