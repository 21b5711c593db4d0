// The client README's first program (create a connection, make one call) does not grow, bundled exactly as the
// bench's bundle-size section bundles it, for the browser and for Node: its bound is the size it has now, on the
// way to the target (README_PROGRAM_TARGET_GZIP, which the bench reports as met or not). And an operation a
// program never calls costs it nothing: neither its facts, nor its code, nor what only the client object needs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSize, README_PROGRAM_MAX_GZIP } from "@aidp/test-support/bundle-size";
import { describe, expect, it } from "vitest";

const readmeProgram = fileURLToPath(
  new URL("../../bench/src/bundle-entries/aidp-client.ts", import.meta.url),
);
const downloadOnly = fileURLToPath(new URL("fixtures/client-programs/download-only.ts", import.meta.url));
const validationError = fileURLToPath(
  new URL("fixtures/client-programs/validation-error.ts", import.meta.url),
);
const objectProgram = fileURLToPath(
  new URL("../../bench/src/bundle-entries/aidp-client-object.ts", import.meta.url),
);
const clientReadme = readFileSync(new URL("../../packages/client/README.md", import.meta.url), "utf8");

/** Strings only one part of the client has: an operation's path, the pager's option, the realm table, openapi-fetch. */
const MARKS = {
  searchAuditLogs: "/actions/searchAuditLogs",
  downloadClusterLogs: "/actions/downloadLogs",
  pagination: "maxPages",
  realmTable: "oraclecloud.eu",
  openapiFetch: "querySerializer",
};

describe("the client README's first program", () => {
  it("is the program the bench measures: the README's first example makes the same calls", () => {
    const firstExample = /```ts\n([\s\S]*?)```/.exec(clientReadme)?.[1] ?? "";
    const program = readFileSync(readmeProgram, "utf8");
    const importLine = /^import .* from "@aidp\/client";$/m.exec(program)?.[0];
    expect(importLine).toBe('import { createAidpConnection, searchAuditLogs } from "@aidp/client";');
    expect(firstExample).toContain(importLine);
    expect(firstExample).toMatch(/= createAidpConnection\(\{ baseUrl: /);
    expect(firstExample).toMatch(/= await searchAuditLogs\(aidp, \{/);
  });

  it("the client README says what it and the client object's program bundle to, to 0.1 kB", async () => {
    const kB = async (program: string) => ((await bundleSize(program, "browser")).gzipped / 1000).toFixed(1);
    const [lean, object] = [await kB(readmeProgram), await kB(objectProgram)];
    expect(clientReadme.replace(/\s+/g, " ")).toContain(
      `This program bundles to ${lean} kB minified and gzipped, validation, retries, timeouts, request ids and typed errors included, against ${object} kB for the same call through the client object`,
    );
  });

  it.each(["browser", "node"] as const)(
    `bundles to at most ${README_PROGRAM_MAX_GZIP} B min+gzip for %s`,
    async (platform) => {
      const { gzipped } = await bundleSize(readmeProgram, platform);
      expect(gzipped).toBeGreaterThan(1000); // a bundle that lost the client would pass the bound for nothing
      expect(gzipped).toBeLessThanOrEqual(README_PROGRAM_MAX_GZIP);
    },
  );

  it("bundles nothing of an operation it never calls, of pagination, the realm table or openapi-fetch", async () => {
    const { code } = await bundleSize(readmeProgram, "browser");
    expect(code.includes(MARKS.searchAuditLogs)).toBe(true);
    for (const mark of [MARKS.downloadClusterLogs, MARKS.pagination, MARKS.realmTable, MARKS.openapiFetch])
      expect(code.includes(mark), `the bundle has ${mark}`).toBe(false);
  });

  it("and the other way round: a program that calls only downloadClusterLogs has none of searchAuditLogs", async () => {
    const { code } = await bundleSize(downloadOnly, "browser");
    expect(code.includes(MARKS.downloadClusterLogs)).toBe(true);
    expect(code.includes(MARKS.searchAuditLogs), `the bundle has ${MARKS.searchAuditLogs}`).toBe(false);
  });
});

describe("the client's errors in a minified bundle", () => {
  it("are told apart by instanceof, as the client README says: a minifier renames the classes, and their names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aidp-minified-errors-"));
    try {
      const program = join(dir, "program.mjs");
      writeFileSync(program, (await bundleSize(validationError, "node")).code);
      const printed = JSON.parse(execFileSync(process.execPath, [program], { encoding: "utf8" })) as Record<
        string,
        unknown
      >;
      expect(printed).toMatchObject({ isValidationError: true, isAidpError: true });
      expect(printed.message).toMatch(/limit: at least 1 \(rule `minimum`\), got 0/);
      // The README's words: `error.name` is the class's name only where the bundle keeps class names.
      expect(printed.name).not.toBe("AidpValidationError");
      expect(clientReadme.replace(/\s+/g, " ")).toContain(
        "a minifier that renames classes renames `error.name` with them",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
