// Superseded by ./facts.ts (`@aidp/spec/facts`), the one reader of the bundle. Kept only for the CLI's flag
// generator, which imports this file by a relative path and is being rewritten on another branch: delete this
// file when that generator becomes a projection of the facts. Reads the bundle's operations with their
// parameters and body schema resolved.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolveRef } from "./resolve-ref.ts";

export type Json = Record<string, unknown>;

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Every parameter, `$ref`s resolved, in the spec's order. */
  parameters: Json[];
  /** The `application/json` request body schema (still possibly a `$ref`), or undefined when there is none. */
  bodySchema: Json | undefined;
  /** The operation object itself (summary, description, responses...). */
  node: Json;
}

export interface SpecReader {
  spec: Json;
  /** Follows `$ref`s (local JSON pointers) until a node without one. */
  resolve(node: Json): Json;
  operations(): SpecOperation[];
}

export { inputName } from "./facts.ts";

/** The bundle at `bundlePath`, or this package's built `dist/openapi.json`. */
export function readSpec(bundlePath?: string): SpecReader {
  const path = bundlePath ?? fileURLToPath(new URL("../dist/openapi.json", import.meta.url));
  const spec = JSON.parse(readFileSync(path, "utf8")) as Json;

  const resolve = (node: Json): Json => resolveRef(spec, node);

  function operations(): SpecOperation[] {
    const found: SpecOperation[] = [];
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Json>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const body = resolve((operation.requestBody ?? {}) as Json);
        const media = (body.content as Record<string, Json> | undefined)?.["application/json"];
        found.push({
          operationId: operation.operationId as string,
          method: method.toUpperCase(),
          path,
          parameters: ((operation.parameters ?? []) as Json[]).map(resolve),
          bodySchema: media?.schema as Json | undefined,
          node: operation,
        });
      }
    }
    return found;
  }

  return { spec, resolve, operations };
}
