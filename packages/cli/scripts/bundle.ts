// Bundles the command line into dist/: our modules and yargs (with the packages it brings) in a few ES module
// files, each part loaded on demand (help, completion, an action, the network) in a chunk of its own. Not
// minified: the published code stays readable.
//
// Why: an ES module import costs resolving, reading and linking per module, more than the code itself, and a
// command used to load about 80 of them (ours and yargs'). `aidp audit search-logs` takes ~40 ms less CPU from
// start to exit bundled (30 interleaved runs of a one-record search, 2026-12-07), every command alike.
//
// Outside the bundle, as dependencies: @aidp/client (one copy for the whole program), and what only some
// commands load (undici's Agent, csv-stringify, the JMESPath library). string-width, which yargs imports to lay
// out help, is replaced by ./src/lazy-string-width.ts, which loads the real one (a dependency) on its first call:
// the real one builds an Intl.Segmenter as it loads, which most commands never need.
//
// yargs finds two things next to its own files, which a bundle moves: its translations (copied to dist/locales)
// and, for a default version, the package.json above it (this package's, one folder above dist/).
// The licenses of what is bundled go to dist/THIRD-PARTY-LICENSES.md.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const yargsDir = dirname(createRequire(join(packageDir, "package.json")).resolve("yargs/package.json"));

/** In yargs' Node shim, each text to replace and what to put instead; the build fails if one is not found. */
const YARGS_SHIM_EDITS: readonly [string, string][] = [
  // Its translations: ../../../locales from its file; the copies sit in ./locales next to the bundle's files.
  ["resolve(__dirname, '../../../locales')", "resolve(__dirname, '../locales')"],
  // Where it looks for a package.json: the folder above node_modules; the bundle's is this package's.
  ["__dirname.substring(0, __dirname.lastIndexOf('node_modules'))", "resolve(__dirname, '../..')"],
];

const yargsShimInBundle: Plugin = {
  name: "yargs-shim-in-bundle",
  setup(plugins) {
    plugins.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, ({ path }) => {
      let contents = readFileSync(path, "utf8");
      for (const [text, replacement] of YARGS_SHIM_EDITS) {
        if (!contents.includes(text))
          throw new Error(`scripts/bundle.ts: yargs' shim no longer has ${text}: see YARGS_SHIM_EDITS`);
        contents = contents.replace(text, replacement);
      }
      return { contents, loader: "js" };
    });
  },
};

const dist = join(packageDir, "dist");
rmSync(dist, { recursive: true, force: true });
const result = await build({
  absWorkingDir: packageDir,
  // bin.ts is what bin/aidp.js imports; main.ts is also imported by the tests (runBuiltMain).
  entryPoints: ["src/bin.ts", "src/main.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  metafile: true,
  alias: { "string-width": "./src/lazy-string-width.ts" },
  external: Object.keys(manifest.dependencies).flatMap((name) => [name, `${name}/*`]),
  plugins: [yargsShimInBundle],
});
cpSync(join(yargsDir, "locales"), join(dist, "locales"), { recursive: true });

// The packages whose code is in the bundle, by the folder of their package.json.
const bundledPackages = new Set(
  Object.keys(result.metafile.inputs)
    .map((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((folder): folder is string => folder !== undefined),
);
const notices = [...bundledPackages]
  .map((folder) => {
    const { name, version, license } = JSON.parse(
      readFileSync(join(packageDir, folder, "package.json"), "utf8"),
    );
    const licenseFile = readdirSync(join(packageDir, folder)).find((file) => /^licen[cs]e/i.test(file));
    if (!licenseFile) throw new Error(`scripts/bundle.ts: ${name} has no license file to ship`);
    const text = readFileSync(join(packageDir, folder, licenseFile), "utf8").trim();
    return `## ${name} ${version} (${license})\n\n\`\`\`\n${text}\n\`\`\`\n`;
  })
  .sort();
writeFileSync(
  join(dist, "THIRD-PARTY-LICENSES.md"),
  `# Code bundled into @aidp/cli's dist/\n\n${notices.join("\n")}`,
);
