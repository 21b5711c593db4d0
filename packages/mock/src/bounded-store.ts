// A map with a cap on its size and, optionally, a lifetime per entry: what the mock keeps per request (retry
// tokens, fault attempt counts, exports) must not grow without bound. Entries are kept in insertion order, so
// the oldest is evicted first when the cap is reached, and expired entries are found at the front.

export interface BoundedStoreOptions {
  /** At most this many entries; adding one more evicts the oldest. */
  maxEntries: number;
  /** An entry older than this (ms) is gone. Default: entries do not expire. */
  ttlMs?: number;
  /** The clock (ms since the epoch). */
  now: () => number;
}

export class BoundedStore<V> {
  private readonly entries = new Map<string, { value: V; storedAt: number }>();
  constructor(private readonly options: BoundedStoreOptions) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.isExpired(entry.storedAt)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` as the newest entry (a key stored again moves to the end and restarts its lifetime). */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.dropExpired();
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, storedAt: this.options.now() });
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private isExpired(storedAt: number): boolean {
    return this.options.ttlMs !== undefined && this.options.now() - storedAt >= this.options.ttlMs;
  }

  /** Insertion order is age order: expired entries are all at the front. */
  private dropExpired(): void {
    for (const [key, entry] of this.entries) {
      if (!this.isExpired(entry.storedAt)) return;
      this.entries.delete(key);
    }
  }
}
