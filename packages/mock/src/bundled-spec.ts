import { fileURLToPath } from "node:url";

/**
 * The spec bundle this package ships: the build copies `@aidp/spec`'s `openapi.yaml` to `dist/`, so an
 * installed `@aidp/mock` needs nothing else. Written as `../dist/` so it resolves the same from `src/`
 * (tests) and from `dist/` (the published code).
 */
export const bundledSpecPath = fileURLToPath(new URL("../dist/openapi.yaml", import.meta.url));

/** The same bundle as JSON, which the stateful mock and the gateway read at start (facts, Prism's guard). */
export const bundledSpecJsonPath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

/** The same bundle without its security requirement: served unless `requireAuth` is set. */
export const unsignedSpecPath = fileURLToPath(new URL("../dist/openapi.unsigned.yaml", import.meta.url));
