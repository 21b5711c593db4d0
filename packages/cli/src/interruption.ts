// Ctrl-C stops cleanly, and so do SIGTERM (`timeout`, a cancelled CI job, `kill`) and SIGHUP (a closed terminal):
// the first one aborts the request in flight (the command then discards its partial output and exits 128 + the
// signal's number: 130, 143, 129); a second one exits at once, the atomic output file's exit hook still removing
// its temporary file.
import { constants } from "node:os";
import { ExitCode } from "./exit-codes.ts";

/** The signals that stop a command cleanly. */
const STOPPING_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type StoppingSignal = (typeof STOPPING_SIGNALS)[number];

export interface Interruption {
  signal: AbortSignal;
  readonly interrupted: boolean;
  /** The exit code of the signal that stopped the command: 128 + its number, as a shell reports it. */
  readonly exitCode: number;
  dispose(): void;
}

export function watchInterruption(): Interruption {
  const controller = new AbortController();
  let exitCode: number = ExitCode.interrupted;
  const onSignal = (name: StoppingSignal) => {
    if (controller.signal.aborted) process.exit(exitCode);
    exitCode = 128 + constants.signals[name];
    controller.abort(new Error(name === "SIGINT" ? "interrupted by Ctrl-C" : `stopped by ${name}`));
  };
  for (const name of STOPPING_SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    get exitCode() {
      return exitCode;
    },
    dispose: () => {
      for (const name of STOPPING_SIGNALS) process.off(name, onSignal);
    },
  };
}
