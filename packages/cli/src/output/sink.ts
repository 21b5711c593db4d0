// Where the output goes: standard output, or a file written atomically. The file is written under a
// temporary name in the same folder and renamed over FILE only once everything was written, so an export
// that fails or is interrupted never leaves a file that looks complete.
import { createWriteStream, renameSync, unlinkSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";

export interface OutputSink {
  /** Resolves once the text is handed over (waits for the stream to drain: memory stays flat). */
  write(text: string): Promise<void>;
  /** Everything was written: flush, and for a file, rename it into place. */
  commit(): Promise<void>;
  /** Something went wrong: for a file, delete the temporary file. Synchronous, so it also runs on exit. */
  discard(): void;
}

export function openSink(outputFile: string | undefined): OutputSink {
  return outputFile === undefined ? streamSink(process.stdout) : atomicFileSink(outputFile);
}

function write(stream: Writable, text: string): Promise<void> {
  if (text === "") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once("error", onError);
    const flushed = stream.write(text, () => stream.off("error", onError));
    if (flushed) resolve();
    else stream.once("drain", resolve);
  });
}

function streamSink(stream: Writable): OutputSink {
  // A reader that goes away (`aidp ... | head`) makes writes fail with EPIPE; write() reports it to the
  // command, and this listener keeps a later error event from crashing the process.
  stream.on("error", () => {});
  return { write: (text) => write(stream, text), commit: async () => {}, discard: () => {} };
}

function atomicFileSink(target: string): OutputSink {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.partial`);
  const file: WriteStream = createWriteStream(temporary, { flags: "wx" });
  let pending = true;
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
    write: (text) => write(file, text),
    async commit() {
      await new Promise<void>((resolve, reject) => {
        file.once("error", reject);
        file.end(() => resolve());
      });
      renameSync(temporary, target);
      pending = false;
      process.off("exit", removeTemporary);
    },
    discard: removeTemporary,
  };
}
