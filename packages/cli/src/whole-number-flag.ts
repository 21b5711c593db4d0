// A flag that counts something (--max-retries, --max-items): digits only, as typed, so that `1e2`, `0x10`, `1.0`
// and ` 5` are refused alike rather than read by Number() as it happens to read them.
import { UsageError } from "./exit-codes.ts";

export function wholeNumberFlag(flag: string, value: string, least: number): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count) || count < least)
    throw new UsageError(`${flag} must be an integer of at least ${least}, got "${value}"`);
  return count;
}
