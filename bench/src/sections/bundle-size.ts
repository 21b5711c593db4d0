// Section 1: bundle size of the same small program on each library, bundled and minified by esbuild for the
// browser and for Node, then gzipped.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import {
  bundleSize as measureBundle,
  README_PROGRAM_MAX_GZIP,
  README_PROGRAM_TARGET_GZIP,
} from "@aidp/test-support/bundle-size";
import { build, type Platform, transform } from "esbuild";
import { markdownTable, ratio, targetLine } from "../report/markdown.ts";

const entries = [
  { name: "@aidp/client", file: "aidp-client.ts" },
  { name: "@aidp/client, createAidpClient object", file: "aidp-client-object.ts" },
  { name: "@aidp/client + apiKeyAuth", file: "aidp-client-signed.ts" },
  { name: "bare openapi-fetch", file: "openapi-fetch.ts" },
  { name: "OCI SDK (oci-aidataplatform)", file: "oci-sdk.ts" },
] as const;
const platforms: readonly Platform[] = ["browser", "node"];

type Size = { minified: number; gzipped: number; largestInputs: string[] } | { error: string };

async function bundleSize(file: string, platform: Platform): Promise<Size> {
  try {
    const { minified, gzipped, inputs } = await measureBundle(
      new URL(`../bundle-entries/${file}`, import.meta.url).pathname,
      platform,
    );
    const largestInputs = inputs
      .slice(0, 4)
      .map(
        ([path, bytes]) =>
          `${path.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, "")} ${kB(bytes)} kB`,
      );
    return { minified, gzipped, largestInputs };
  } catch (error) {
    const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(error);
    return { error: first };
  }
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/**
 * What each source module of @aidp/client adds to the one-call program: its minified bytes in the bundle, and
 * its share of the program's gzipped bytes. gzip has no per-module size, so the measured total is apportioned
 * by each module's gzipped size alone (an estimate; shared strings compress across modules). The published
 * entry is one bundled file, so this builds the same program (aidp-client.ts) from the client's sources.
 */
async function clientModuleSizes(programGzipped: number): Promise<string> {
  // The client's package directory as Node resolves @aidp/client (the workspace package), not a path from here.
  const clientSourceDir = join(
    dirname(createRequire(import.meta.url).resolve("@aidp/client/package.json")),
    "src",
  );
  const workingDir = process.cwd();
  const result = await build({
    stdin: {
      contents: readFileSync(new URL("../bundle-entries/aidp-client.ts", import.meta.url), "utf8").replace(
        '"@aidp/client"',
        JSON.stringify(join(clientSourceDir, "index.ts")),
      ),
      loader: "ts",
      resolveDir: new URL(".", import.meta.url).pathname,
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
    absWorkingDir: workingDir,
  });
  // The metafile names inputs relative to the working directory; a module is the client's when it is under src.
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})
    .map(([path, input]) => ({ module: relative(clientSourceDir, resolve(workingDir, path)), input }))
    .filter(({ module, input }) => !module.startsWith("..") && input.bytesInOutput > 0)
    .map(({ module, input }) => ({ module, minified: input.bytesInOutput }));
  const alone = await Promise.all(
    inputs.map(async ({ module }) => {
      const source = readFileSync(join(clientSourceDir, module), "utf8");
      const { code } = await transform(source, {
        loader: module.endsWith(".json") ? "json" : "ts",
        minify: true,
        format: "esm",
        target: "es2022",
      });
      return gzipSync(code, { level: 9 }).byteLength;
    }),
  );
  const aloneTotal = alone.reduce((sum, size) => sum + size, 0);
  return inputs
    .map((input, index) => ({ ...input, gzippedShare: (programGzipped * (alone[index] ?? 0)) / aloneTotal }))
    .sort((a, b) => b.gzippedShare - a.gzippedShare)
    .map(({ module, minified, gzippedShare }) => `${module} ${kB(minified)} (~${kB(gzippedShare)} gzip)`)
    .join(", ");
}

export async function bundleSizeSection(): Promise<string> {
  const sizes = new Map<string, Size>();
  const rows: string[][] = [];
  for (const entry of entries) {
    const cells: string[] = [entry.name];
    for (const platform of platforms) {
      const size = await bundleSize(entry.file, platform);
      sizes.set(`${entry.name}@${platform}`, size);
      cells.push(
        ...("error" in size ? [`fails: ${size.error}`, "—"] : [kB(size.minified), kB(size.gzipped)]),
      );
    }
    rows.push(cells);
  }
  const gzipped = (name: string, platform: Platform) => {
    const size = sizes.get(`${name}@${platform}`);
    return size && !("error" in size) ? size.gzipped : undefined;
  };
  const verdicts = platforms.flatMap((platform) => {
    const ours = gzipped("@aidp/client", platform) as number;
    const bare = gzipped("bare openapi-fetch", platform) as number;
    const oci = gzipped("OCI SDK (oci-aidataplatform)", platform);
    const signed = gzipped("@aidp/client + apiKeyAuth", platform) as number;
    return [
      targetLine(
        ours <= README_PROGRAM_TARGET_GZIP,
        `${platform}: the README's first program at most ${README_PROGRAM_TARGET_GZIP.toLocaleString("en")} B gzip`,
        `${ours.toLocaleString("en")} B, +${kB(ours - bare)} kB over bare openapi-fetch`,
      ),
      targetLine(
        signed - bare <= 4500,
        `${platform}: signed program within 4.5 kB gzip of bare openapi-fetch`,
        `+${kB(signed - bare)} kB`,
      ),
      oci === undefined
        ? `- Target ${platform}: at least 40x smaller than the OCI SDK: not measurable (the OCI SDK does not bundle for ${platform}).`
        : targetLine(
            oci / ours >= 40,
            `${platform}: at least 40x smaller than the OCI SDK`,
            `${ratio(oci / ours)}; signed program ${ratio(oci / signed)}`,
          ),
    ];
  });
  const browserProgram = gzipped("@aidp/client", "browser") ?? 0;
  const ours = sizes.get("@aidp/client@browser");
  const breakdown = ours && !("error" in ours) ? ours.largestInputs.join(", ") : "n/a";
  return [
    "## 1. Bundle size",
    "",
    "A program that creates the client and makes one call (`bench/src/bundle-entries/`), bundled by esbuild " +
      "(`bundle`, `minify`, ESM, es2022), gzip level 9. Sizes in kB (1,000 bytes). The @aidp/client program is the " +
      "client README's first one: `createAidpConnection` and the operation function `searchAuditLogs`; the " +
      "`createAidpClient object` row makes the same call as a method of the client object. The OCI SDK program " +
      "makes its closest signed call (`listAiDataPlatforms`); the `+ apiKeyAuth` row is our program signed the " +
      "same way. `tools/test/client-size.test.ts` fails when the README's program grows past " +
      `${README_PROGRAM_MAX_GZIP.toLocaleString("en")} B (its size now rounded up to the next 50, never above the target).`,
    "",
    markdownTable(["program", "browser min", "browser min+gzip", "node min", "node min+gzip"], rows),
    "",
    ...verdicts,
    "",
    `Largest inputs of the @aidp/client browser bundle (minified bytes): ${breakdown}.`,
    "",
    "Inside @aidp/client, by source module: kB minified, and (in brackets) its estimated share of the program's " +
      `gzipped kB (all of them: the program has no openapi-fetch in it): ${await clientModuleSizes(browserProgram)}.`,
    "",
    "What the bytes buy: the operation's facts and the validator that reads them (every enum value, bound and " +
      "pattern, with messages that name the field and the rule), the retry loop (backoff, Retry-After, " +
      "per-attempt timeout, deadline, cancellation, one request id and retry token per call, and the hooks " +
      "through which auth signs and a logger hears each attempt), network failures in words (step, host:port, " +
      "code), and typed errors. What they no longer buy: openapi-fetch (the operation functions build the request " +
      "from the facts in one pass; `raw` keeps openapi-fetch), the other operation's facts and code, pagination, " +
      "the realm table (createAidpClient's `region`), and the code that signs attempts (with the 401 renewal) and " +
      "writes log lines, which comes with an auth provider or `attemptLogger` (the `+ apiKeyAuth` row), none of " +
      "which a one-call program calls. The object form pays for all of them, as a bundler cannot drop an " +
      "object's unused methods.",
  ].join("\n");
}
