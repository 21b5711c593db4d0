// Ctrl-C stops cleanly: the first SIGINT aborts the request in flight (the command then discards its partial
// output and exits 130); a second one exits at once, the atomic output file's exit hook still removing its
// temporary file.
import { ExitCode } from "./exit-codes.ts";

export interface Interruption {
  signal: AbortSignal;
  readonly interrupted: boolean;
  dispose(): void;
}

export function watchInterruption(): Interruption {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    controller.abort(new Error("interrupted by Ctrl-C"));
  };
  process.on("SIGINT", onSigint);
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    dispose: () => process.off("SIGINT", onSigint),
  };
}
