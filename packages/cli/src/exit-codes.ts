// The documented exit codes (packages/cli/README.md lists them).
export const ExitCode = {
  ok: 0,
  /** Anything else: writing the output failed after the answer came (an unwritable file is `usage`), or a bug. */
  failure: 1,
  /** Usage or validation error: nothing was sent. */
  usage: 2,
  /** The service answered with an error. */
  service: 3,
  /** Network failure or timeout. */
  network: 4,
  /**
   * The service did what was asked (an export started), but its answer could not be written where asked:
   * standard error gives the operation key and request id, and the file the PAR URL was kept in instead.
   */
  keptElsewhere: 5,
  /** Interrupted by Ctrl-C (SIGINT). */
  interrupted: 130,
} as const;

/** A mistake on the command line (or in its environment) found before anything was sent: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
