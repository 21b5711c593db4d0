// Prism's verdicts, remembered per distinct input. Prism's verdict on a request or an answer is a pure function of
// what it reads (prism-adapter.ts builds that as a key); checking the same page or the same request shape again
// was most of the mock's time per request under load (bench section 6). A key stands for its input exactly; the
// map holds SHA-256 digests of keys, not the keys, so a cached 100-record page costs 64 bytes of key, and what
// is kept is bounded in entries: the oldest verdict goes first.
import { createHash } from "node:crypto";
import { BoundedStore } from "./bounded-store.ts";

/** How many verdicts are kept; more distinct inputs than this evict the oldest. */
const MAX_VERDICTS = 4_096;

export class VerdictCache<Verdict> {
  private readonly verdicts: BoundedStore<Verdict>;
  private hitCount = 0;
  private missCount = 0;

  constructor(maxEntries = MAX_VERDICTS) {
    this.verdicts = new BoundedStore<Verdict>({ maxEntries, now: Date.now });
  }

  /**
   * The verdict for `key`: remembered, or `judge()`'s, remembered from now on. With no key (an input that has no
   * exact key) it is always `judge()`'s.
   */
  verdict(key: string | undefined, judge: () => Verdict): Verdict {
    if (key === undefined) {
      this.missCount++;
      return judge();
    }
    const digest = createHash("sha256").update(key).digest("base64");
    const known = this.verdicts.get(digest);
    if (known !== undefined) {
      this.hitCount++;
      return known;
    }
    this.missCount++;
    const verdict = judge();
    this.verdicts.set(digest, verdict);
    return verdict;
  }

  /** How many verdicts were remembered and how many judged (for the bench's account of the mock's time). */
  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.verdicts.size };
  }
}
