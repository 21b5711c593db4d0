// Copies @aidp/spec's bundle into dist/, so the published @aidp/mock carries the spec it serves, and writes
// a copy without the security requirement, which the mock serves unless asked to require auth.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse, stringify } from "yaml";

const source = createRequire(import.meta.url).resolve("@aidp/spec/openapi.yaml");
copyFileSync(source, new URL("../dist/openapi.yaml", import.meta.url));

const spec = parse(readFileSync(source, "utf8"));
delete spec.security;
for (const pathItem of Object.values(spec.paths) as Record<string, { security?: unknown }>[]) {
  for (const operation of Object.values(pathItem)) delete operation.security;
}
writeFileSync(new URL("../dist/openapi.unsigned.yaml", import.meta.url), stringify(spec));
