// Progress on standard error, only when it is a terminal (never in a pipe or a CI log): one line that rewrites
// itself, at most a few times a second, and is erased when done. A multi-page read shows pages, records,
// records/s and elapsed time; a download shows bytes, bytes/s and elapsed time.
export interface StatusLine {
  /** Draws `text` unless the line was drawn very recently (or `force`). */
  show(text: string, force?: boolean): void;
  /** Erases the line. */
  done(): void;
}

const REDRAW_EVERY_MS = 200;
const ERASE_LINE = "\r\x1b[2K";
const noStatusLine: StatusLine = { show: () => {}, done: () => {} };
// Made on first use: building an Intl formatter loads ICU's data, about 7 ms of CPU and 7 MiB that a command printing no
// count (a quiet or piped `search-logs --all`) should not pay.
let countFormat: Intl.NumberFormat | undefined;

/** 1,234,567 (en-US grouping, whatever the user's locale). */
export function formatCount(count: number): string {
  countFormat ??= new Intl.NumberFormat("en-US");
  return countFormat.format(count);
}

export function createStatusLine(stream: NodeJS.WriteStream, enabled: boolean): StatusLine {
  if (!enabled || !stream.isTTY) return noStatusLine;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    show(text, force = false) {
      const now = performance.now();
      if (!force && now - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now;
      drawn = true;
      stream.write(`${ERASE_LINE}${text}`);
    },
    done() {
      if (drawn) stream.write(ERASE_LINE);
      drawn = false;
    },
  };
}

export interface Progress {
  page(records: number): void;
  /** Clears the line. */
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  const line = createStatusLine(stream, enabled);
  if (line === noStatusLine) return { page: () => {}, done: () => {} };
  const started = performance.now();
  let pages = 0;
  let records = 0;
  return {
    page(count) {
      pages++;
      records += count;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(records / seconds) : 0;
      line.show(
        `${formatCount(pages)} pages, ${formatCount(records)} records, ${formatCount(rate)} records/s, ${seconds.toFixed(1)} s`,
      );
    },
    done: () => line.done(),
  };
}

/** 1,234 bytes, 12.3 kB, 4.5 MB (decimal units, as download tools show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)} bytes`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** 350 ms, 12.5 s, 3 min 20 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
