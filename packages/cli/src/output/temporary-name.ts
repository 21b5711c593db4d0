// The name a file is first written under, beside its final name, before it is renamed into place (an output file,
// a secret file): a file that looks complete is never a partial one.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** The longest file name (one path component) Linux, macOS and Windows file systems take, in bytes. */
const MAX_NAME_BYTES = 255;
/** What the temporary name adds to the final one: a dot, the process id, a millisecond timestamp, `.partial`. */
const ADDED_BYTES = ".".length + ".4294967295".length + ".9999999999999".length + ".partial".length;

/** Links followed before a chain counts as a loop, as the kernel's limit (40) on Linux. */
const MAX_LINK_HOPS = 40;

/**
 * Where a write to `path` lands: through a symbolic link, its target (a link the user keeps, `latest.json` to a dated
 * file, stays a link, as the shell's `>` keeps it), one not written yet included, at the end of a chain of links;
 * else `path` itself. A loop of links throws, in the kernel's words.
 */
export function finalPathOf(path: string): string {
  let current = path;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
    } catch {
      return current; // nothing there yet: the file is created here
    }
    try {
      return realpathSync(current); // a chain that ends in something that exists
    } catch {
      // A link to a name with nothing there yet (or to another such link): that name, read from the link's own
      // real folder, as the kernel reads a relative link.
      current = resolve(realpathSync(dirname(current)), readlinkSync(current));
    }
  }
  throw new Error("too many levels of symbolic links");
}

export function temporaryNameBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.partial`);
}

/** The longest final name whose temporary name still fits, in bytes; checked before anything is sent. */
export const MAX_OUTPUT_NAME_BYTES = MAX_NAME_BYTES - ADDED_BYTES;

export function nameBytes(path: string): number {
  return Buffer.byteLength(basename(path));
}
