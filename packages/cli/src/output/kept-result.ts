// Nothing the service created is lost because a local step failed. When the service has started an export and
// its answer cannot be written where asked (the folder vanished, the disk is full, standard output closed),
// the operation key and request id go to standard error and the PAR URL (a bearer secret, so never to standard
// error) to a 0600 file beside the target, or in the current folder, or in the temporary folder: the first
// that can be written. The command then exits with ExitCode.keptElsewhere.
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { writeSecretFile } from "./secret-file.ts";

/** The service did its part; the CLI could not write the result where asked, and says where it kept it. */
export class ResultKeptElsewhere extends Error {
  override name = "ResultKeptElsewhere";
  /** The opc-request-id of the service's answer, for a JSON error. */
  readonly requestId: string | undefined;

  constructor(message: string, requestId: string | undefined) {
    super(message);
    this.requestId = requestId;
  }
}

export interface StartedExport {
  asyncOperationKey: string | undefined;
  requestId: string | undefined;
  logParUrl: string | undefined;
}

export function keepStartedExport(
  job: StartedExport,
  target: string | undefined,
  failure: unknown,
): ResultKeptElsewhere {
  const reason = describeWriteFailure(failure);
  const where = target === undefined ? "standard output" : target;
  const lines = [
    `the export started (asyncOperationKey ${job.asyncOperationKey ?? "not given"}, opc-request-id ${job.requestId ?? "not given"}), but writing to ${where} failed: ${reason}.`,
  ];
  if (job.logParUrl !== undefined) {
    const name = `aidp-par-url.${fileSafe(job.asyncOperationKey ?? job.requestId ?? String(Date.now()))}.txt`;
    const folders = [target === undefined ? undefined : dirname(resolve(target)), process.cwd(), tmpdir()];
    const kept = keepInFirstWritable(folders, name, `${job.logParUrl}\n`);
    lines.push(
      kept === undefined
        ? "The PAR URL could not be kept in any folder; the operation key above is all that remains."
        : `Its PAR URL (a secret) is kept in ${kept} (mode 0600).`,
    );
  }
  return new ResultKeptElsewhere(lines.join("\n"), job.requestId);
}

function keepInFirstWritable(
  folders: readonly (string | undefined)[],
  name: string,
  content: string,
): string | undefined {
  for (const folder of new Set(folders)) {
    if (folder === undefined) continue;
    const path = join(folder, name);
    try {
      writeSecretFile(path, content);
      return path;
    } catch {
      // not there, or not writable: the next folder
    }
  }
  return undefined;
}

function describeWriteFailure(failure: unknown): string {
  const code = (failure as NodeJS.ErrnoException | undefined)?.code;
  const meaning: Record<string, string> = {
    ENOENT: "its folder does not exist",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "it is a folder",
    ENOSPC: "no space left on the device",
    EROFS: "read-only file system",
    EPIPE: "the reader went away",
  };
  if (code !== undefined) return `${code}${meaning[code] ? ` (${meaning[code]})` : ""}`;
  return failure instanceof Error ? failure.message : String(failure);
}

const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100);
