// Faults for consumers' retry tests. The request header `x-aidp-mock-fail: 503,503` lists what successive
// attempts carrying the same `opc-retry-token` get before the real answer; `--fail-rate` makes a share of all
// requests fail with a random fault, drawn from the seed.
import { BoundedStore } from "./bounded-store.ts";
import { MAX_RETRY_TOKENS, RETRY_TOKEN_LIFETIME_MS } from "./idempotency.ts";
import { seededRandom } from "./seeded-random.ts";

export const FAULT_HEADER = "x-aidp-mock-fail";

export type Fault =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "reset" }
  | { kind: "truncate" }
  | { kind: "delay"; ms: number };

export class FaultHeaderError extends Error {}

const MAX_DELAY_MS = 120_000;

/** Parses `503,429;retry-after=2,reset,truncate,delay=500,409`. */
function parseFaultHeader(value: string): Fault[] {
  return value.split(",").map((raw, index) => {
    const item = raw.trim();
    const where = `header ${FAULT_HEADER} item ${index + 1} ("${item}")`;
    if (item === "reset") return { kind: "reset" };
    if (item === "truncate") return { kind: "truncate" };
    const delay = /^delay=(\d+)$/.exec(item);
    if (delay) {
      const ms = Number(delay[1]);
      if (ms > MAX_DELAY_MS) throw new FaultHeaderError(`${where} must be at most delay=${MAX_DELAY_MS}`);
      return { kind: "delay", ms };
    }
    const status = /^([45]\d\d)(?:;retry-after=(\d+))?$/.exec(item);
    if (status) {
      const fault: Fault = { kind: "status", status: Number(status[1]) };
      if (status[2] !== undefined) fault.retryAfterSeconds = Number(status[2]);
      return fault;
    }
    throw new FaultHeaderError(
      `${where} must be a status 400-599 (optionally ";retry-after=SECONDS"), reset, truncate or delay=MS`,
    );
  });
}

/** The faults `--fail-rate` draws from. */
const RANDOM_FAULTS: Fault[] = [
  { kind: "status", status: 503 },
  { kind: "status", status: 429, retryAfterSeconds: 1 },
  { kind: "status", status: 500 },
  { kind: "status", status: 409 },
  { kind: "reset" },
  { kind: "truncate" },
];

/** Counts attempts per retry token (as many and as long as retry tokens are kept) and decides each request's fault. */
export class FaultScript {
  private readonly attempts: BoundedStore<number>;
  private random;

  constructor(
    private readonly failRate: number,
    private readonly seed: string,
    now: () => number,
  ) {
    this.random = seededRandom(`${seed}:faults`);
    this.attempts = new BoundedStore({ maxEntries: MAX_RETRY_TOKENS, ttlMs: RETRY_TOKEN_LIFETIME_MS, now });
  }

  /** The fault for this request, if any. A request without a retry token is always attempt 1. */
  faultFor(header: string | undefined, retryToken: string | undefined): Fault | undefined {
    const script = header === undefined ? undefined : parseFaultHeader(header); // a bad header counts no attempt
    const attempt = retryToken === undefined ? 1 : (this.attempts.get(retryToken) ?? 0) + 1;
    if (retryToken !== undefined) this.attempts.set(retryToken, attempt);
    if (script) return script[attempt - 1];
    if (this.failRate > 0 && this.random.next() < this.failRate) return this.random.pick(RANDOM_FAULTS);
    return undefined;
  }

  reset(): void {
    this.attempts.clear();
    this.random = seededRandom(`${this.seed}:faults`);
  }
}
