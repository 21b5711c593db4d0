// The client README says @aidp/client runs in Deno, Bun and browsers: here its examples (a page, the items to
// the end, a download, a validation error, signed calls) run in each, against the mock verifying signatures, and
// a request signed with a key the mock does not know, or changed after signing, is refused in each.
// Deno and Bun come from npm (devDependencies `deno`, `bun`) and run readme-examples.ts as it is; Chromium is
// Debian's (installed when missing, ./install-chromium.ts) and runs it bundled by esbuild, from a page on another
// origin than the mock's (CORS).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keyIdToFileName, type RunningMock, startMock } from "@aidp/mock";
import { generateTestKeyPair, runProcess, TEST_IDENTITY, TEST_KEY_ID } from "@aidp/test-support";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@aidp/test-support/chromium";
import { startTestServer, type TestServer } from "@aidp/test-support/servers";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReadmeExamplesConfig, ReadmeExamplesReport } from "./readme-examples.ts";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "../..");
const require = createRequire(import.meta.url);
const packageRoot = (name: string) => dirname(require.resolve(`${name}/package.json`));

const RECORDS = 500;
const ITEMS_PAGE_SIZE = 100;
const RUN_TIMEOUT_MS = 60_000;

let mock: RunningMock;
let keysDir: string;
let config: Omit<ReadmeExamplesConfig, "dateHeader">;

beforeAll(async () => {
  const known = generateTestKeyPair();
  const unknown = generateTestKeyPair();
  keysDir = mkdtempSync(join(tmpdir(), "aidp-runtime-keys-"));
  writeFileSync(
    join(keysDir, keyIdToFileName(TEST_KEY_ID)),
    known.publicKey.export({ type: "spki", format: "pem" }),
  );
  mock = await startMock({ port: 0, records: RECORDS, verifySignatures: keysDir });
  config = {
    baseUrl: mock.url,
    identity: TEST_IDENTITY,
    privateKeyPem: known.pkcs8,
    unknownIdentity: { ...TEST_IDENTITY, fingerprint: "00:11:22:33" },
    unknownPrivateKeyPem: unknown.pkcs8,
    aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.runtimes",
    cluster: {
      workspaceKey: "7f3c2a9e-1d4b-4e8f-9a6c-2b5d8e1f0a34",
      clusterKey: "c1a9d2f4-6b3e-4c7a-8d5f-0e2b4a6c8d1e",
    },
    itemsPageSize: ITEMS_PAGE_SIZE,
  };
}, 60_000);

afterAll(async () => {
  await mock?.stop();
  if (keysDir) rmSync(keysDir, { recursive: true, force: true });
});

/** Runs readme-examples.ts in Deno or Bun and reads its report (the last line it prints). */
async function runScript(command: string, args: string[]): Promise<ReadmeExamplesReport> {
  const stdout = await runProcess(command, [...args, JSON.stringify({ ...config, dateHeader: "date" })], {
    cwd: packageDir,
    // No update check (Deno) and no telemetry (Bun): the test line makes no call beyond 127.0.0.1.
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" },
    timeoutMs: RUN_TIMEOUT_MS,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as ReadmeExamplesReport;
}

const scriptEntry = join(here, "script-entry.ts");

interface Runtime {
  name: string;
  /** How the program names the runtime it ran in. */
  version: RegExp;
  /** Whether a script may set the `date` header there (browsers forbid it: sign over `x-date` instead). */
  setsDateHeader: boolean;
  run(): Promise<ReadmeExamplesReport>;
}

const runtimes: Runtime[] = [
  {
    name: "Deno",
    version: /^Deno 2\.9\.6$/,
    setsDateHeader: true,
    // --node-modules-dir=manual: resolve packages from pnpm's node_modules as they are (symlinks included),
    // never install; --no-prompt: a missing permission fails instead of waiting for an answer.
    run: () =>
      runScript(join(packageRoot("deno"), "deno"), [
        "run",
        "--node-modules-dir=manual",
        "--no-prompt",
        "--no-check",
        "--allow-net=127.0.0.1",
        scriptEntry,
      ]),
  },
  {
    name: "Bun",
    version: /^Bun 1\.4\.5$/,
    setsDateHeader: true,
    run: () => runScript(join(packageRoot("bun"), "bin/bun.exe"), ["run", "--no-install", scriptEntry]),
  },
  { name: "Chromium", version: /HeadlessChrome\//, setsDateHeader: false, run: runInChromium },
];

let browser: Browser | undefined;
let page: TestServer | undefined;

/** Bundles readme-examples.ts for the browser and runs it in a page served from another origin than the mock's. */
async function runInChromium(): Promise<ReadmeExamplesReport> {
  const bundle = await build({
    entryPoints: [join(here, "browser-entry.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  page = await startTestServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>@aidp/client in Chromium</title>");
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.addScriptTag({ content: script });
  return tab.evaluate(
    (pageConfig) =>
      (
        globalThis as unknown as {
          runReadmeExamples(c: ReadmeExamplesConfig): Promise<ReadmeExamplesReport>;
        }
      ).runReadmeExamples(pageConfig),
    { ...config, dateHeader: "x-date" } satisfies ReadmeExamplesConfig,
  );
}

afterAll(async () => {
  await browser?.close();
  await page?.close();
});

/** The mock's answer to a signature it refuses, as the client reports it: 401 with the reason in the message. */
const refusedSignature = (reason: string) => ({
  name: "AidpUnauthorizedError",
  isAidpError: true,
  isDocumentedClass: true,
  status: 401,
  code: "NotAuthenticated",
  message: expect.stringContaining(reason),
});

describe.each(runtimes)(
  "the client README's examples in $name",
  ({ name: runtime, version, setsDateHeader, run }) => {
    let report: ReadmeExamplesReport;
    beforeAll(async () => {
      report = await run();
    }, 2 * RUN_TIMEOUT_MS);

    it(`run in ${runtime} itself`, () => {
      expect(report.runtime).toMatch(version);
    });

    it(`searchAuditLogs returns a signed page of filtered records in ${runtime}`, () => {
      expect(report.page).toEqual({
        items: 50,
        statuses: ["FAILED"],
        hasNextPage: true,
        requestId: expect.stringMatching(/^\S+$/),
      });
    });

    it(`searchAuditLogsItems reads every record once, to the end, in ${runtime}`, () => {
      expect(report.items).toEqual({
        records: RECORDS,
        distinctEventIds: RECORDS,
        pages: Math.ceil(RECORDS / ITEMS_PAGE_SIZE),
      });
    });

    it(`downloadClusterLogs starts an export whose log file downloads in ${runtime}`, () => {
      expect(report.download).toEqual({
        asyncOperationKey: expect.stringMatching(/^\S+$/),
        logStatus: 200,
        logIsPlaceholder: true,
        parUrlListed: false,
      });
    });

    it(`an invalid input is an AidpValidationError naming each field, nothing sent, in ${runtime}`, () => {
      expect(report.validation).toMatchObject({
        name: "AidpValidationError",
        isAidpError: true,
        isDocumentedClass: true,
        requestsSent: 0,
        issues: [
          { field: "limit", rule: "maximum" },
          { field: "details.status", rule: "enum" },
        ],
      });
    });

    it(`a key the mock does not know is refused with 401 in ${runtime}`, () => {
      expect(report.refused.unknownKey).toMatchObject(refusedSignature("unknown key id"));
    });

    it(`a request changed after it was signed is refused with 401 in ${runtime}`, () => {
      expect(report.refused.tamperedRequest).toMatchObject(refusedSignature("the signature does not verify"));
    });

    if (setsDateHeader)
      it(`a call signed over the date header (the default) is accepted in ${runtime}`, () => {
        expect(report.dateHeader).toMatchObject({ succeeded: true, error: { name: "none" } });
      });
    else
      it(`a call signed over the date header is refused with 401 in ${runtime}: a page cannot set date`, () => {
        expect(report.dateHeader).toMatchObject({
          succeeded: false,
          error: refusedSignature("signed headers missing from the request: date"),
        });
      });
  },
);
