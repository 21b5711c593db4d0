// Every file a command will write is checked before anything is sent: a folder that does not exist, a target
// that is a folder, a folder that cannot be written to is a usage error (exit 2) while nothing exists yet on
// the service's side, instead of a failure after the service started an export.
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../exit-codes.ts";
import { finalPathOf, MAX_OUTPUT_NAME_BYTES, nameBytes } from "./temporary-name.ts";

/** A flag and the file it names, e.g. `["--output-file", "out.json"]`; an absent flag is skipped. */
export type OutputTarget = readonly [flag: string, path: string | undefined];

export function checkOutputTargets(targets: readonly OutputTarget[]): void {
  const problems = targets.flatMap(([flag, path]) => {
    const problem = path === undefined ? undefined : targetProblem(path);
    return problem === undefined ? [] : [`${flag} ${path}: ${problem}`];
  });
  problems.push(...sameFileProblems(targets));
  if (problems.length === 1) throw new UsageError(`${problems[0]}; nothing was sent`);
  if (problems.length > 1) throw new UsageError(`nothing was sent:\n  - ${problems.join("\n  - ")}`);
}

/**
 * Two flags naming one file: the second write would replace the first (the PAR URL, say, by the log file), while
 * the command reports both as written. By path, and for files that exist by device and inode (a link, `./f`).
 */
function sameFileProblems(targets: readonly OutputTarget[]): string[] {
  const given = targets.filter((target): target is readonly [string, string] => target[1] !== undefined);
  const identity = (path: string) => {
    const stat = statOf(path);
    return stat ? `${stat.dev}:${stat.ino}` : resolve(path);
  };
  return given.flatMap(([flag, path], index) =>
    given
      .slice(index + 1)
      .filter(([, other]) => identity(other) === identity(path))
      .map(
        ([otherFlag, other]) =>
          `${flag} ${path} and ${otherFlag} ${other} name the same file: give each its own`,
      ),
  );
}

function targetProblem(given: string): string | undefined {
  if (given.trim() === "") return "give a file name";
  // Through a symbolic link, the file written is its target, beside which the temporary file goes.
  let path: string;
  try {
    path = finalPathOf(given);
  } catch (error) {
    return (error as Error).message; // a loop of links
  }
  if (nameBytes(path) > MAX_OUTPUT_NAME_BYTES)
    return `the file name is ${nameBytes(path)} bytes; at most ${MAX_OUTPUT_NAME_BYTES} (it is first written under a longer temporary name)`;
  const target = statOf(path);
  if (target?.isDirectory()) return "is a folder; give a file name (e.g. a name inside it)";
  // The output is written to a temporary file renamed over the target: over a device or a pipe (/dev/null,
  // /dev/stdout) that would replace it with a plain file.
  if (target !== undefined && !target.isFile())
    return "is not a regular file (a device, a pipe, a socket): give the name of a file to create or replace";
  const folder = dirname(resolve(path));
  const parent = statOf(folder);
  if (parent === undefined) return `the folder ${folder} does not exist`;
  if (!parent.isDirectory()) return `${folder} is not a folder`;
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    return `the folder ${folder} is not writable (${(error as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
