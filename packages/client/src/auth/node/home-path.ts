import { homedir } from "node:os";
import { resolve } from "node:path";

/** Expands a leading `~` to the home directory (as the OCI CLI does) and makes the path absolute. */
export function resolveHomePath(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/") || path.startsWith("~\\")) return resolve(homedir(), path.slice(2));
  return resolve(path);
}
