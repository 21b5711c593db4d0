// The one `$ref` resolver of the repository: other packages import it as `@aidp/spec/resolve-ref` (the mock at
// run time, generators and tests at build and test time), this package's own scripts by path. Follows a chain
// of local `$ref`s (`#/components/...`, JSON Pointer escapes included) in the bundled spec to the node they
// point at.
type Json = Record<string, unknown>;

export function resolveRef<T extends object = Json>(document: object, node: T): T {
  let current: unknown = node;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    const pointer = current.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`Not a local $ref: ${pointer}`);
    if (seen.has(pointer)) throw new Error(`Circular $ref: ${pointer}`);
    seen.add(pointer);
    current = pointer
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((parent, key) => (isObject(parent) ? parent[key] : undefined), document);
    if (current === undefined) throw new Error(`Unresolvable $ref: ${pointer}`);
  }
  return current as T;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null;
}
