// Copies @aidp/spec's bundle (YAML and JSON) into dist/, so the published @aidp/mock carries the spec it serves, and writes
// a copy without the security requirement, which the mock serves unless asked to require auth.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse, stringify } from "yaml";

const source = createRequire(import.meta.url).resolve("@aidp/spec/openapi.yaml");
copyFileSync(source, new URL("../dist/openapi.yaml", import.meta.url));
const require = createRequire(import.meta.url);
copyFileSync(require.resolve("@aidp/spec/openapi.json"), new URL("../dist/openapi.json", import.meta.url));

const spec = parse(readFileSync(source, "utf8"));
delete spec.security;
for (const pathItem of Object.values(spec.paths) as Record<string, { security?: unknown }>[]) {
  for (const operation of Object.values(pathItem)) delete operation.security;
}
writeFileSync(new URL("../dist/openapi.unsigned.yaml", import.meta.url), stringify(spec));
