// Bundles each entry point named in package.json's "exports" into ESM files (`./dist/x.js` from `src/x.ts`).
// Not minified: the published code stays readable. Declarations are tsc's (run after this).
//
// The main entry (`@aidp/client`) is ONE file, openapi-fetch included: an import costs about a millisecond per
// module it loads (resolving, reading, linking), more than the code itself, and one file instead of five (ours in
// four, openapi-fetch's) is what keeps the import within 2x of openapi-fetch's (bench section 2). openapi-fetch
// stays a dependency: `raw`'s declarations name its types.
//
// The other entries (`./node`, `./signature`, `./value-rules`) are built apart, sharing chunks among themselves, and
// take every module the main entry has from the main entry, by the package's own name: one copy of the client's
// code, state and classes serves them all (`instanceof AidpAuthError` holds for an error from `@aidp/client/node`).
// What they need beyond the public API, the main entry exports from src/internals-for-entries.ts (in the
// JavaScript only: the declarations are tsc's of src/index.ts).
//
// Both builds shorten the internal property names of ./internal-property-names.ts, with one mangle cache: the
// entries' code reads the main entry's objects (a retry decision, an attempt's hooks) under the same short names.
import { readFileSync, rmSync } from "node:fs";
import { build, type Plugin } from "esbuild";
import { INTERNAL_PROPERTY_PATTERN } from "./internal-property-names.ts";

const packageDir = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
const entryPoints = Object.values(manifest.exports as Record<string, string | { default?: string }>)
  .flatMap((target) => (typeof target === "object" && target.default ? [target.default] : []))
  .map((file) => file.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"));
const MAIN_ENTRY = "src/index.ts";
const INTERNALS = "src/internals-for-entries.ts";

const common = {
  absWorkingDir: new URL(".", packageDir).pathname,
  outdir: "dist",
  outbase: "src",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  logLevel: "warning",
  // Quoted names stay as written (esbuild's default): a quoted key is a name that leaves the program.
  mangleProps: INTERNAL_PROPERTY_PATTERN,
} as const;

/** In the other entries' build, an import of a module the main entry bundles becomes an import of the main entry. */
function fromMainEntry(mainModules: ReadonlySet<string>): Plugin {
  return {
    name: "from-main-entry",
    setup(plugins) {
      plugins.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
        const resolved = new URL(path.replace(/\.js$/, ".ts"), `file://${resolveDir}/`).pathname;
        return mainModules.has(resolved) ? { path: manifest.name, external: true } : undefined;
      });
    },
  };
}

rmSync(new URL("dist", packageDir), { recursive: true, force: true });
const openapiFetchLicense = readFileSync(new URL("node_modules/openapi-fetch/LICENSE", packageDir), "utf8");
const main = await build({
  ...common,
  stdin: {
    contents: `export * from "./${MAIN_ENTRY}";\nexport * from "./${INTERNALS}";\n`,
    resolveDir: common.absWorkingDir,
    sourcefile: "main-entry.ts",
    loader: "ts",
  },
  outfile: "dist/index.js",
  outdir: undefined,
  metafile: true,
  mangleCache: {},
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
const mainModules: Set<string> = new Set(
  Object.keys(main.metafile.inputs).map((input) => new URL(input, packageDir).pathname),
);
await build({
  ...common,
  // The main entry's short names, so that the entries' code and the main entry's agree on each one.
  mangleCache: main.mangleCache,
  entryPoints: entryPoints.filter((entry) => entry !== MAIN_ENTRY),
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  external: [...Object.keys(manifest.dependencies ?? {}), "node:*"],
  plugins: [fromMainEntry(mainModules)],
});

// An entry that imports a name the main entry does not export fails only when loaded: load each one now.
for (const entry of entryPoints)
  await import(new URL(entry.replace(/^src\//, "dist/").replace(/\.ts$/, ".js"), packageDir).href);
