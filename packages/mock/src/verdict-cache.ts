// Prism's verdicts, remembered per distinct input. Prism's verdict on a request or an answer is a pure function of
// what it reads (prism-adapter.ts builds that as a key); checking the same page or the same request shape again
// was most of the mock's time per request under load (bench section 6). A key stands for its input exactly; the
// map holds SHA-256 digests of keys, not the keys, so a cached 100-record page costs 64 bytes of key, and what
// is kept is bounded in entries: the oldest verdict goes first.
import { createHash } from "node:crypto";

/** How many verdicts are kept; more distinct inputs than this evict the oldest. */
const MAX_VERDICTS = 4_096;

export class VerdictCache<Verdict> {
  private readonly verdicts = new Map<string, Verdict>();
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly maxEntries = MAX_VERDICTS) {}

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
    if (this.verdicts.size >= this.maxEntries) {
      const oldest = this.verdicts.keys().next();
      if (!oldest.done) this.verdicts.delete(oldest.value);
    }
    this.verdicts.set(digest, verdict);
    return verdict;
  }

  /** How many verdicts were remembered and how many judged (for the bench's account of the mock's time). */
  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.verdicts.size };
  }
}
