// The name a file is first written under, beside its final name, before it is renamed into place (an output file,
// a secret file): a file that looks complete is never a partial one.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** The longest file name (one path component) Linux, macOS and Windows file systems take, in bytes. */
const MAX_NAME_BYTES = 255;
/** What the temporary name adds to the final one: a dot, the process id, a millisecond timestamp, `.partial`. */
const ADDED_BYTES = ".".length + ".4294967295".length + ".9999999999999".length + ".partial".length;

/**
 * Where a write to `path` lands: through a symbolic link, its target (a link the user keeps, `latest.json` to a dated
 * file, stays a link, as the shell's `>` keeps it), one not written yet included; else `path` itself.
 */
export function finalPathOf(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch {
    return path; // nothing there yet
  }
  try {
    return realpathSync(path);
  } catch {
    // A link to a file that does not exist yet: the file it names, as `>` creates it (its folder is checked later).
    return resolve(dirname(path), readlinkSync(path));
  }
}

export function temporaryNameBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.partial`);
}

/** The longest final name whose temporary name still fits, in bytes; checked before anything is sent. */
export const MAX_OUTPUT_NAME_BYTES = MAX_NAME_BYTES - ADDED_BYTES;

export function nameBytes(path: string): number {
  return Buffer.byteLength(basename(path));
}
