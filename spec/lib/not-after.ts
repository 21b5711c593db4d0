// `x-aidp-not-after`: a date-time property may not be later than the sibling property it names. One rule for its
// two users: the client checks a request with it before sending (its build bundles this module), the mock
// refuses a request that breaks it. Each passes the object's property rules (the client's generated ones, the
// mock's `SchemaFacts`) and the object. Web-standard: no `node:` import, so a browser bundle can carry it.

/** A property whose value is later than that of the sibling its `x-aidp-not-after` names. */
export interface NotAfterBreach {
  /** The property (`timeBegin`). */
  name: string;
  /** The sibling it may not pass (`timeEnd`). */
  notAfter: string;
  value: string;
  limit: string;
}

/** Each breach of `x-aidp-not-after` in `object`; a value or limit that is not a string is left to other rules. */
export function notAfterBreaches(
  properties: Readonly<Record<string, { readonly notAfter?: string | undefined }>>,
  object: Readonly<Record<string, unknown>>,
): NotAfterBreach[] {
  const breaches: NotAfterBreach[] = [];
  for (const [name, rules] of Object.entries(properties)) {
    if (rules.notAfter === undefined) continue;
    const value = object[name];
    const limit = object[rules.notAfter];
    if (typeof value !== "string" || typeof limit !== "string") continue;
    if (Date.parse(value) > Date.parse(limit))
      breaches.push({ name, notAfter: rules.notAfter, value, limit });
  }
  return breaches;
}
