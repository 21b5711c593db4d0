// Loads the bundled spec and follows its local `$ref`s, for tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolveRef } from "../lib/resolve-ref.ts";

const bundlePath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the document is untyped JSON
export type Node = any;

export function loadBundle(): Node {
  return JSON.parse(readFileSync(bundlePath, "utf8"));
}

/** Follows a chain of local `$ref`s (`#/components/...`) to the node they point at. */
export const deref: (document: Node, node: Node) => Node = resolveRef;
