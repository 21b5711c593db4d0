// How big a program is once bundled: esbuild (bundle, minify, ESM, es2022) for the browser or for Node, then gzip
// level 9. One definition for the bench's bundle-size section and the size test of the README's first program.
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Platform } from "esbuild";

/** The target for the client README's first program (create a connection, make one call), min+gzip. */
export const README_PROGRAM_TARGET_GZIP = 7000;
/**
 * The size test's bound: what that program bundles to now (6,996 B), rounded up to the next 50, which is the
 * target itself. Lower it as the program shrinks; never raise it past the target.
 */
export const README_PROGRAM_MAX_GZIP = 7000;

export interface BundleSize {
  /** The minified program. */
  code: string;
  minified: number;
  gzipped: number;
  /** Minified bytes each input file contributes, largest first (paths as esbuild names them). */
  inputs: [path: string, bytes: number][];
}

export async function bundleSize(entryFile: string, platform: Platform): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    target: "es2022",
    write: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    metafile: true,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const output: Metafile["outputs"][string] | undefined = Object.values(result.metafile.outputs)[0];
  return {
    code: new TextDecoder().decode(code),
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.entries(output?.inputs ?? {})
      .map(([path, input]): [string, number] => [path, input.bytesInOutput])
      .sort(([, a], [, b]) => b - a),
  };
}
