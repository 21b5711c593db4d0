// Rewrites the generated section of README.md from the spec bundle (run by `build`).
import { readFileSync, writeFileSync } from "node:fs";
import { readSpecBundle, withPreferValues } from "./prefer-values.ts";

const readmeUrl = new URL("../README.md", import.meta.url);
const current = readFileSync(readmeUrl, "utf8");
const updated = withPreferValues(current, readSpecBundle());
if (updated !== current) writeFileSync(readmeUrl, updated);
