// Copies @aidp/spec's bundle into dist/, so the published @aidp/mock carries the spec it serves.
import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";

const source = createRequire(import.meta.url).resolve("@aidp/spec/openapi.yaml");
copyFileSync(source, new URL("../dist/openapi.yaml", import.meta.url));
