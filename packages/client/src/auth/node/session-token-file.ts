import type { AuthErrorSource } from "../auth-error.js";
import type { SessionToken } from "../session-token-auth.js";
import { readTextFile } from "./read-text-file.js";

/**
 * The token in `path`, read now (so a missing file is reported at once) and again for every request:
 * `oci session refresh` rewrites the file, and the next request should use the new token. The file is tiny.
 */
export function sessionTokenFromFile(path: string, source: AuthErrorSource = {}): SessionToken {
  const read = () => readTextFile(path, "the security token file", source);
  read();
  return async () => read();
}
