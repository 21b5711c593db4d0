// Progress of a multi-page read on standard error, only when it is a terminal (never in a pipe or a CI log):
// pages, records, records/s and elapsed time on one line that rewrites itself, at most a few times a second.
export interface Progress {
  page(records: number): void;
  /** Clears the line. */
  done(): void;
}

const REDRAW_EVERY_MS = 200;
const noProgress: Progress = { page: () => {}, done: () => {} };

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return noProgress;
  const started = performance.now();
  let pages = 0;
  let records = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const numbers = new Intl.NumberFormat("en-US");
  return {
    page(count) {
      pages++;
      records += count;
      const now = performance.now();
      if (now - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? Math.round(records / seconds) : 0;
      stream.write(
        `\r\x1b[2K${numbers.format(pages)} pages, ${numbers.format(records)} records, ${numbers.format(rate)} records/s, ${seconds.toFixed(1)} s`,
      );
    },
    done() {
      if (drawnAt !== Number.NEGATIVE_INFINITY) stream.write("\r\x1b[2K");
    },
  };
}
