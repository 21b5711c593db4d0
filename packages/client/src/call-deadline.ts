// A call's `deadlineMs`: a signal that aborts whatever is in flight when it passes, and the moment it passes, so
// the retry decision can see that a wait would outlast it before announcing a retry that could never be sent.

export interface CallDeadline {
  /** The `deadlineMs` the call was given. */
  ms: number;
  /** When it passes, on the monotonic `performance.now()` clock (a wall-clock change does not move it). */
  endsAt: number;
  /** Fires when it passes. */
  signal: AbortSignal;
}

/** Starts the deadline of a call now; undefined when the call has none. */
export function startDeadline(deadlineMs: number | undefined): CallDeadline | undefined {
  if (deadlineMs === undefined) return undefined;
  return { ms: deadlineMs, endsAt: performance.now() + deadlineMs, signal: AbortSignal.timeout(deadlineMs) };
}

/** Milliseconds from now until the deadline passes (0 or less once it has). */
export function msLeftBefore(deadline: CallDeadline): number {
  return deadline.endsAt - performance.now();
}
