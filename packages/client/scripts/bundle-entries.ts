// Bundles each entry point named in package.json's "exports" into ESM files (`./dist/x.js` from `src/x.ts`).
// Not minified: the published code stays readable. Declarations are tsc's (run after this).
//
// The main entry (`@aidp/client`) is ONE file, openapi-fetch included: an import costs about a millisecond per
// module it loads (resolving, reading, linking), more than the code itself, and one file instead of five (ours in
// four, openapi-fetch's) is what keeps the import within 2x of openapi-fetch's (bench section 2). openapi-fetch
// stays a dependency: `raw`'s declarations name its types.
//
// The other entries (`./node`, `./signature`, `./value-rules`) share chunks among themselves, and take the error
// classes from the main entry by the package's own name, so that a class stays one class whichever entry throws
// it (`instanceof AidpAuthError` holds for an error from `@aidp/client/node`).
import { readFileSync, rmSync } from "node:fs";
import { build, type Plugin } from "esbuild";

const packageDir = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
const entryPoints = Object.values(manifest.exports as Record<string, string | { default?: string }>)
  .flatMap((target) => (typeof target === "object" && target.default ? [target.default] : []))
  .map((file) => file.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"));
const MAIN_ENTRY = "src/index.ts";
/** Source modules that define classes the main entry exports: the other entries import them from it. */
const CLASS_MODULES = ["errors.ts", "api-errors.ts", "auth/auth-error.ts", "network-failure.ts"].map(
  (file) => new URL(`src/${file}`, packageDir).pathname,
);

const common = {
  absWorkingDir: new URL(".", packageDir).pathname,
  outdir: "dist",
  outbase: "src",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  logLevel: "warning",
} as const;

/** In the other entries' build, an import of a class module becomes an import of the main entry. */
const classesFromMainEntry: Plugin = {
  name: "classes-from-main-entry",
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
      const resolved = new URL(path.replace(/\.js$/, ".ts"), `file://${resolveDir}/`).pathname;
      return CLASS_MODULES.includes(resolved) ? { path: manifest.name, external: true } : undefined;
    });
  },
};

rmSync(new URL("dist", packageDir), { recursive: true, force: true });
const openapiFetchLicense = readFileSync(new URL("node_modules/openapi-fetch/LICENSE", packageDir), "utf8");
await build({
  ...common,
  entryPoints: [MAIN_ENTRY],
  external: [
    ...Object.keys(manifest.dependencies ?? {}).filter((name) => name !== "openapi-fetch"),
    "node:*",
  ],
  // Its license with its code. A plain comment, not a legal one (`/*!`): a program that bundles this file and
  // never calls openapi-fetch would otherwise carry 1 kB of license text for code it does not contain.
  banner: {
    js: `/* Includes openapi-fetch (https://github.com/openapi-ts/openapi-typescript):\n${openapiFetchLicense}*/`,
  },
});
await build({
  ...common,
  entryPoints: entryPoints.filter((entry) => entry !== MAIN_ENTRY),
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  external: [...Object.keys(manifest.dependencies ?? {}), "node:*"],
  plugins: [classesFromMainEntry],
});

// An entry that imports a name the main entry does not export fails only when loaded: load each one now.
for (const entry of entryPoints)
  await import(new URL(entry.replace(/^src\//, "dist/").replace(/\.ts$/, ".js"), packageDir).href);
