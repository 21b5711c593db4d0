import { AidpAuthError } from "./auth-error.js";

/** A required credential field must be a non-empty string; the message names the field, never a value. */
export function requireText(value: unknown, field: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AidpAuthError(`${field} is required and must be a non-empty string`, { key: field });
  }
}
