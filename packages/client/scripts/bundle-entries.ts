// Bundles each entry point named in package.json's "exports" into one ESM file (`./dist/x.js` from
// `src/x.ts`), with code shared by several entries in dist/chunks/ so that a class stays one class whichever
// entry loads it. A process then loads two or three files instead of twenty, which is most of an import's cost.
// Not minified: the published code stays readable. Declarations are tsc's (run after this).
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const packageDir = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
const entryPoints = Object.values(manifest.exports as Record<string, string | { default?: string }>)
  .flatMap((target) => (typeof target === "object" && target.default ? [target.default] : []))
  .map((file) => file.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"));

rmSync(new URL("dist", packageDir), { recursive: true, force: true });
await build({
  absWorkingDir: new URL(".", packageDir).pathname,
  entryPoints,
  outdir: "dist",
  outbase: "src",
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: [...Object.keys(manifest.dependencies ?? {}), "node:*"],
  logLevel: "warning",
});
