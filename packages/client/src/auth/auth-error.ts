// Authentication problems (unreadable config, bad key, wrong passphrase) are reported with where they come
// from (file, line, profile, key name) so they can be fixed, and never with the secret itself.
import { AidpError } from "../errors.js";

/** Where an authentication setting came from; every field is optional. */
export interface AuthErrorSource {
  file?: string;
  line?: number;
  profile?: string;
  key?: string;
}

/** Credentials could not be loaded or used. The message says where; it never contains key material. */
export class AidpAuthError extends AidpError {
  declare readonly file: string | undefined;
  declare readonly line: number | undefined;
  declare readonly profile: string | undefined;
  declare readonly key: string | undefined;

  constructor(problem: string, source: AuthErrorSource = {}) {
    super(source.file || source.profile || source.key ? `${problem} (${describe(source)})` : problem);
    this.file = source.file;
    this.line = source.line;
    this.profile = source.profile;
    this.key = source.key;
  }
}

function describe({ file, line, profile, key }: AuthErrorSource): string {
  const parts: string[] = [];
  if (file) parts.push(line === undefined ? file : `${file}:${line}`);
  if (profile) parts.push(`profile [${profile}]`);
  if (key) parts.push(`key ${key}`);
  return parts.join(", ");
}
