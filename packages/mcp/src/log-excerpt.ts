// The part of a log file a read returns: read as a stream, line by line, never held whole. It counts every byte
// and line, keeps only the lines asked for (matching `grep`, the last `tailLines`), and of those the last ones
// that fit `maxBytes`.
import { utf8Bytes } from "./result-size.ts";

export interface ExcerptOptions {
  grep?: RegExp;
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

export async function readExcerpt(
  body: ReadableStream<Uint8Array>,
  options: ExcerptOptions,
): Promise<LogExcerpt> {
  const kept: string[] = [];
  let keptBytes = 0;
  let bytes = 0;
  let lines = 0;
  let truncated = false;
  const keep = (line: string) => {
    lines++;
    if (options.grep && !options.grep.test(line)) return;
    kept.push(line);
    keptBytes += utf8Bytes(line) + 1;
    while (kept.length > (options.tailLines ?? Number.POSITIVE_INFINITY))
      keptBytes -= utf8Bytes(kept.shift() as string) + 1;
    while (keptBytes > options.maxBytes && kept.length > 0) {
      keptBytes -= utf8Bytes(kept.shift() as string) + 1;
      truncated = true;
    }
  };
  const decoder = new TextDecoder();
  let partial = "";
  const reader = body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    bytes += chunk.byteLength;
    const text = partial + decoder.decode(chunk, { stream: true });
    const parts = text.split("\n");
    partial = parts.pop() as string;
    for (const line of parts) keep(line);
  }
  partial += decoder.decode();
  if (partial !== "") keep(partial);
  return { bytes, lines, text: kept.join("\n"), returnedLines: kept.length, truncated };
}
