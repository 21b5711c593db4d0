// Rewrites the generated sections of README.md from the spec bundle (run by `build`).
import { readFileSync, writeFileSync } from "node:fs";
import { readApiFacts } from "@aidp/spec/facts";
import { withFaultCodes } from "./fault-codes.ts";
import { withPreferValues } from "./prefer-values.ts";

const readmeUrl = new URL("../README.md", import.meta.url);
const current = readFileSync(readmeUrl, "utf8");
const facts = readApiFacts();
const updated = withFaultCodes(withPreferValues(current, facts), facts);
if (updated !== current) writeFileSync(readmeUrl, updated);
