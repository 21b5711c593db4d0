// Response headers whose values are secret, by the spec's own word (`x-aidp-secret` on a header parameter or a
// response header, read into the generated operation facts): an error that carries an answer's headers shows
// them redacted, as validation errors show a secret value.
import { operationFacts } from "./generated/operations.js";
import type { OperationFacts } from "./operation-types.js";
import { showValue } from "./request-validation.js";

let secretNames: ReadonlySet<string> | undefined;

/** The wire names (lower case) of every header the spec marks secret, across the operations; worked out once. */
function secretHeaderNames(): ReadonlySet<string> {
  secretNames ??= new Set(
    Object.values<OperationFacts>(operationFacts).flatMap((facts) => [
      ...Object.values(facts.parameters)
        .filter((parameter) => parameter.in === "header" && parameter.secret && parameter.name)
        .map((parameter) => String(parameter.name).toLowerCase()),
      ...Object.entries(facts.success.headers)
        .filter(([, header]) => header.secret)
        .map(([name]) => name.toLowerCase()),
    ]),
  );
  return secretNames;
}

/** A copy of `headers` with each secret header's value replaced by `<redacted, N characters>`. */
export function redactSecretHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of secretHeaderNames()) {
    const value = copy.get(name);
    if (value !== null) copy.set(name, showValue(value, true));
  }
  return copy;
}
