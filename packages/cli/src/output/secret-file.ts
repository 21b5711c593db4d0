// A file only its owner can read, for a secret such as the PAR URL: written under a temporary name created with
// mode 0600 and renamed into place, so the secret is never readable by others, not even for a moment.
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { finalPathOf, temporaryNameBeside } from "./temporary-name.ts";

export function writeSecretFile(given: string, content: string): void {
  const path = finalPathOf(given);
  const temporary = temporaryNameBeside(path);
  try {
    writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created
    }
    throw error;
  }
}
