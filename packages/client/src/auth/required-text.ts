import { AidpAuthError } from "./auth-error.js";

/**
 * What cannot go into the Authorization header, whose keyId holds the field: a control character (CR and LF would
 * start another header) or a character beyond U+00FF (a header is bytes).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const NOT_IN_A_HEADER = /[\u0000-\u001f\u007f\u0100-\u{10ffff}]/u;

/**
 * A required credential field must be a non-empty string that a header can carry; the message names the field,
 * never a value (fetch's own error would quote the whole signed header).
 */
export function requireText(value: unknown, field: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AidpAuthError(`${field} is required and must be a non-empty string`, { key: field });
  }
  // Trimmed, as the signers use it: a token file's final line break is not part of the token.
  if (NOT_IN_A_HEADER.test(value.trim())) {
    throw new AidpAuthError(
      `${field} must not hold a control character (such as CR or LF) or a character beyond U+00FF: it goes into the Authorization header`,
      { key: field },
    );
  }
}
