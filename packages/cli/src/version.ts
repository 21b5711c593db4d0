import { createRequire } from "node:module";

/** This package's version, read from its package.json (one folder above dist/ and src/). */
export const cliVersion: string = createRequire(import.meta.url)("../package.json").version;
