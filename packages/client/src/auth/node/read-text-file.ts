import { readFileSync } from "node:fs";
import { AidpAuthError, type AuthErrorSource } from "../auth-error.js";

/**
 * Reads a credentials file; a failure names the file and the config line that pointed to it, not its content.
 * When `source.file` is the file itself (the config file), the error's `file` says it and the message once.
 */
export function readTextFile(path: string, what: string, source: AuthErrorSource = {}): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "read error";
    const reason = code === "ENOENT" ? "it does not exist" : code === "EACCES" ? "permission denied" : code;
    const named = source.file === path ? what : `${what} ${path}`;
    throw new AidpAuthError(`cannot read ${named}: ${reason}`, source);
  }
}
