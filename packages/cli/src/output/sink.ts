// Where the output goes: standard output, or a file written atomically. The file is written under a
// temporary name in the same folder and renamed over FILE only once everything was written, so an export
// that fails or is interrupted never leaves a file that looks complete.
import { createWriteStream, openSync, renameSync, unlinkSync, type WriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { finalPathOf, temporaryNameBeside } from "./temporary-name.ts";

export interface OutputSink {
  /** Resolves once the text (or bytes) is handed over (waits for the stream to drain: memory stays flat). */
  write(text: string | Uint8Array): Promise<void>;
  /** Everything was written: flush, and for a file, rename it into place. */
  commit(): Promise<void>;
  /** Something went wrong: for a file, delete the temporary file. Synchronous, so it also runs on exit. */
  discard(): void;
  /** commit() completed: for a file, it is in place. */
  readonly committed: boolean;
}

export interface SinkOptions {
  /** The output holds a secret (the PAR URL): the file is created with mode 0600, readable by its owner only. */
  secret?: boolean;
}

export function openSink(outputFile: string | undefined, options: SinkOptions = {}): OutputSink {
  return outputFile === undefined
    ? streamSink(process.stdout)
    : atomicFileSink(outputFile, options.secret ? 0o600 : 0o666);
}

/**
 * Errors reach the command through the write callbacks (a failed write rejects, or the next one does, or the
 * commit); the stream's own 'error' event is then only a duplicate, which must not crash the process.
 */
function writer(stream: Writable) {
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure ??= error;
  });
  return (text: string | Uint8Array): Promise<void> => {
    if (failure) return Promise.reject(failure);
    if (text.length === 0) return Promise.resolve();
    return handOver(stream, text);
  };
}

/**
 * Writes `text` and resolves once the stream can take more. No closure here sees `text`: the write's callback
 * waits with the stream while a slow reader drains the pipe, and a callback that could reach the text would keep
 * it (a whole page of output) alive all that time, promoted by every young-generation collection meanwhile.
 */
function handOver(stream: Writable, text: string | Uint8Array): Promise<void> {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const handedOver = new Promise<void>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  const flushed = stream.write(text, (error) => {
    if (error) reject(error);
  });
  if (flushed) resolve();
  else stream.once("drain", resolve);
  return handedOver;
}

/** Standard output; a reader that goes away (`aidp ... | head`) makes writes fail with EPIPE. */
function streamSink(stream: Writable): OutputSink {
  let committed = false;
  return {
    write: writer(stream),
    commit: async () => {
      committed = true;
    },
    discard: () => {},
    get committed() {
      return committed;
    },
  };
}

function atomicFileSink(path: string, mode: number): OutputSink {
  const target = finalPathOf(path);
  const temporary = temporaryNameBeside(target);
  // Opened synchronously, so the temporary file exists from here on and discard() can always remove it.
  const file: WriteStream = createWriteStream(temporary, { fd: openSync(temporary, "wx", mode) });
  const write = writer(file);
  let pending = true;
  let committed = false;
  const removeTemporary = () => {
    if (!pending) return;
    pending = false;
    file.destroy();
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already gone
    }
  };
  // A last resort for exits that skip the normal error path (process.exit from a second Ctrl-C).
  process.once("exit", removeTemporary);
  return {
    write,
    async commit() {
      await write("");
      await new Promise<void>((resolve, reject) => {
        file.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
      renameSync(temporary, target);
      pending = false;
      committed = true;
      process.off("exit", removeTemporary);
    },
    discard: removeTemporary,
    get committed() {
      return committed;
    },
  };
}
