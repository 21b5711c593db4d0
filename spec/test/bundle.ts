// Loads the bundled spec and follows its local `$ref`s, for tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const bundlePath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the document is untyped JSON
export type Node = any;

export function loadBundle(): Node {
  return JSON.parse(readFileSync(bundlePath, "utf8"));
}

/** Follows a chain of local `$ref`s (`#/components/...`) to the node they point at. */
export function deref(document: Node, node: Node): Node {
  let current = node;
  while (current && typeof current.$ref === "string") {
    const pointer = current.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`Bundle still has an external $ref: ${pointer}`);
    current = pointer
      .slice(2)
      .split("/")
      .map((part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((parent: Node, key: string) => parent?.[key], document);
    if (current === undefined) throw new Error(`Unresolvable $ref ${pointer}`);
  }
  return current;
}
