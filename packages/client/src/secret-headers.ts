// Response headers whose values are secret, by the spec's own word (`x-aidp-secret` on a header parameter or a
// response header, listed in the generated facts): an error that carries an answer's headers shows them
// redacted, as validation errors show a secret value.
import { secretHeaderNames } from "./generated/operations.js";
import { showValue } from "./request-validation.js";

/** A copy of `headers` (empty when there are none) with each secret header's value replaced by `<redacted, N characters>`. */
export function redactSecretHeaders(headers: Headers | undefined): Headers {
  const copy = new Headers(headers);
  for (const name of secretHeaderNames) {
    const value = copy.get(name);
    if (value !== null) copy.set(name, showValue(value, true));
  }
  return copy;
}
