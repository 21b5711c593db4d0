import { readFileSync } from "node:fs";
import { AidpAuthError, type AuthErrorSource } from "../auth-error.js";

/** Reads a credentials file; a failure names the file and the config line that pointed to it, not its content. */
export function readTextFile(path: string, what: string, source: AuthErrorSource = {}): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "read error";
    const reason = code === "ENOENT" ? "it does not exist" : code === "EACCES" ? "permission denied" : code;
    throw new AidpAuthError(`cannot read ${what} ${path}: ${reason}`, source);
  }
}
