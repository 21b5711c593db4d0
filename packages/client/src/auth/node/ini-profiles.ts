// A small reader for the OCI config file's INI dialect that keeps line numbers, so every problem can be
// reported as file:line. (The common INI parsers on npm do not report positions.)
// Accepted: blank lines, `#` and `;` comments, `[PROFILE]` headers and `key = value` lines, as the OCI CLI
// writes them. Anything else is a malformed line.
import { AidpAuthError } from "../auth-error.js";

export interface IniValue {
  value: string;
  line: number;
}

export interface IniProfile {
  name: string;
  /** Line of the `[name]` header. */
  line: number;
  values: Map<string, IniValue>;
}

const PROFILE_HEADER = /^\[([^\]]+)\]$/;
const KEY_VALUE = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/;

export function parseIniProfiles(text: string, file: string): Map<string, IniProfile> {
  const profiles = new Map<string, IniProfile>();
  let current: IniProfile | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === "" || content.startsWith("#") || content.startsWith(";")) return;

    const header = PROFILE_HEADER.exec(content);
    if (header) {
      const name = (header[1] ?? "").trim();
      current = profiles.get(name) ?? { name, line, values: new Map() };
      profiles.set(name, current);
      return;
    }
    const entry = KEY_VALUE.exec(content);
    if (!entry) {
      // The content of the line is not shown: a malformed line may well be a pasted secret.
      throw new AidpAuthError("malformed line: expected `[PROFILE]`, `key = value` or a `#` comment", {
        file,
        line,
      });
    }
    const [, key = "", value = ""] = entry;
    if (!current) {
      throw new AidpAuthError(`\`${key}\` comes before any [PROFILE] header`, { file, line, key });
    }
    current.values.set(key, { value: value.trim(), line });
  });
  return profiles;
}
