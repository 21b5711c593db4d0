// The part of a log file a read returns: read as a stream, line by line, never held whole. It counts every byte
// and line, keeps only the lines asked for (matching `grep`, the last `tailLines`), and of those the last ones
// that fit `maxBytes`. A line too long to leave room for others (a stack trace or a JSON document on one line)
// is cut to its start, at a space (./cut-text.ts), marked with how much was left out: kept whole, it would push
// every other line out, and still not fit. `grep` sees that start only: the rest is never held.
import { headAtWord } from "./cut-text.ts";
import { utf8Bytes } from "./result-size.ts";

/** Which lines to keep: `test` says whether a line matches (`grep`). */
export interface LineFilter {
  test(line: string): boolean;
}

export interface ExcerptOptions {
  grep?: LineFilter;
  tailLines?: number;
  maxBytes: number;
}

export interface LogExcerpt {
  /** The whole file's size and line count. */
  bytes: number;
  lines: number;
  /** The lines kept, joined with \n. */
  text: string;
  returnedLines: number;
  /** Lines that were asked for but did not fit `maxBytes`. */
  truncated: boolean;
}

/**
 * The longest part of one line kept, in UTF-16 code units: a quarter of maxBytes, so a cut line of ASCII leaves room
 * for other lines, and one of 3-byte characters (at most 3 UTF-8 bytes a code unit) still fits.
 */
const longestLineOf = (maxBytes: number) => Math.max(1, Math.floor(maxBytes / 4));

export async function readExcerpt(
  body: ReadableStream<Uint8Array>,
  options: ExcerptOptions,
): Promise<LogExcerpt> {
  const kept: string[] = [];
  let keptBytes = 0;
  let bytes = 0;
  let lines = 0;
  let truncated = false;
  const keep = (line: string, cutBytes: number) => {
    lines++;
    if (options.grep && !options.grep.test(line)) return;
    const shown =
      cutBytes > 0 ? `${line}${line ? " " : ""}[${cutBytes} more bytes of this line left out]` : line;
    kept.push(shown);
    keptBytes += utf8Bytes(shown) + 1;
    while (kept.length > (options.tailLines ?? Number.POSITIVE_INFINITY))
      keptBytes -= utf8Bytes(kept.shift() as string) + 1;
    while (keptBytes > options.maxBytes && kept.length > 0) {
      keptBytes -= utf8Bytes(kept.shift() as string) + 1;
      truncated = true;
    }
  };
  // The line being read: its start, up to one code unit past longestLine (which says whether the cut falls on a
  // space), and the bytes after that, counted and left out.
  const longestLine = longestLineOf(options.maxBytes);
  let line = "";
  let restBytes = 0;
  const add = (piece: string) => {
    const room = longestLine + 1 - line.length;
    if (room <= 0) {
      restBytes += utf8Bytes(piece);
      return;
    }
    if (piece.length <= room) {
      line += piece;
      return;
    }
    // Both halves of a surrogate pair, or neither: half a character is no character, and no byte count.
    const take = isHighSurrogate(piece.charCodeAt(room - 1)) ? room + 1 : room;
    line += piece.slice(0, take);
    restBytes += utf8Bytes(piece.slice(take));
  };
  const endLine = () => {
    // A CRLF file's lines end with \r: not part of the line (and `$` would not match before it).
    const whole = restBytes === 0 && line.endsWith("\r") ? line.slice(0, -1) : line;
    if (whole.length <= longestLine && restBytes === 0) keep(whole, 0);
    else {
      const head = headAtWord(whole, longestLine);
      keep(head, utf8Bytes(whole.slice(head.length)) + restBytes);
    }
    line = "";
    restBytes = 0;
  };
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    bytes += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      add(text.slice(start, end));
      endLine();
      start = end + 1;
    }
    add(text.slice(start));
  }
  add(decoder.decode());
  if (line !== "" || restBytes > 0) endLine();
  return { bytes, lines, text: kept.join("\n"), returnedLines: kept.length, truncated };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
