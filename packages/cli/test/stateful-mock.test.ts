// The built bin against the STATEFUL mock (CONTRACTS.md section 2: seeded records, real pagination, signature
// checks). These tests need @aidp/mock's `records`, `seed` and `verifySignatures` options, which branch wip-mock
// adds: until it is merged, startMock() rejects them and every test in this file fails in beforeAll.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type AidpClient, createAidpClient, type SearchAuditLogsInput } from "@aidp/client";
import { fencedBlocks, shBlockLines } from "@aidp/markdown-blocks";
import { type RunningMock, startMock } from "@aidp/mock";
import { generateTestKeyPair, TEST_IDENTITY, TEST_KEY_ID } from "@aidp/test-support";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DOWNLOAD_LOGS_COMMAND } from "./support/fake-service.ts";
import { endAidpProcesses, runAidp, startAidp } from "./support/run-aidp.ts";
import { auditRecordFields, enumValues } from "./support/spec.ts";

const RECORDS = 2500;
const INSTANCE = "ocid1.aidataplatform.oc1..stateful";
const [succeeded = "", failed = ""] = enumValues("Status");
const [ascending = ""] = enumValues("SortOrder");
const dir = mkdtempSync(join(tmpdir(), "aidp-cli-stateful-"));
const keys = generateTestKeyPair();
const publicKeyFile = join(dir, "public.pem");
writeFileSync(publicKeyFile, keys.publicKey.export({ type: "spki", format: "pem" }) as string);

let mock: RunningMock | undefined;
let signedMock: RunningMock | undefined;
let client: AidpClient;
/** Every record of the mock's data set, as the client reads it. */
let everyRecord: Record<string, unknown>[] = [];

beforeAll(async () => {
  mock = await startMock({ port: 0, records: RECORDS, seed: "aidp-cli" } as Parameters<typeof startMock>[0]);
  client = createAidpClient({ baseUrl: mock.url });
  everyRecord = [];
  for await (const record of client.searchAuditLogsItems({ aiDataPlatformId: INSTANCE, limit: 1000 }))
    everyRecord.push(record as Record<string, unknown>);
});
afterEach(endAidpProcesses);
afterAll(async () => {
  await mock?.stop();
  await signedMock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Unsigned, at this file's mock, for this file's instance. */
const atMock = () => ["--auth", "none", "--endpoint", mock?.url ?? "", "--instance-id", INSTANCE];
const search = (...flags: string[]) => runAidp(["audit", "search-logs", ...atMock(), ...flags]);
const lines = (text: string) => text.trimEnd().split("\n").filter(Boolean);

describe("aidp audit search-logs against the stateful mock", () => {
  it("the data set is the size asked for", () => {
    expect(everyRecord).toHaveLength(RECORDS);
  });

  it("--all --output ndjson gives exactly the records searchAuditLogsItems gives", async () => {
    const { code, stdout } = await search("--all", "--output", "ndjson");
    expect(code).toBe(0);
    expect(lines(stdout).map((line) => JSON.parse(line))).toEqual(everyRecord);
  });

  it("--all holds no page it has written while it fetches the next", async () => {
    const file = join(dir, "pages-alive.json");
    const { code, stdout } = await runAidp(
      ["audit", "search-logs", ...atMock(), "--all", "--limit", "500", "--output", "ndjson"],
      {
        env: {
          NODE_OPTIONS: `--import=${fileURLToPath(new URL("./support/watch-pages.mjs", import.meta.url))}`,
          AIDP_TEST_PAGES_FILE: file,
        },
      },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(RECORDS);
    // Pages parsed and still alive as each later page was asked for: none (the first request has none before it).
    expect(JSON.parse(readFileSync(file, "utf8")).atEachRequest).toEqual([0, 0, 0, 0, 0]);
    // What the README says of it.
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain("the command holds one page of records at a time, however many there are");
  });

  it("--all holds neither a page nor its text while a slow reader keeps a write waiting", async () => {
    const file = join(dir, "pages-alive-while-writing.json");
    const aidp = startAidp(
      ["audit", "search-logs", ...atMock(), "--all", "--limit", "1000", "--output", "ndjson"],
      {
        env: {
          NODE_OPTIONS: `--import=${fileURLToPath(new URL("./support/watch-pages.mjs", import.meta.url))}`,
          AIDP_TEST_PAGES_FILE: file,
        },
      },
    );
    // Not read until the child has looked: a page of text (about 300 kB) fills the pipe and its write waits.
    // If it never says so, the test fails at its timeout, and afterEach ends the child.
    aidp.child.stdout?.pause();
    let stderr = "";
    aidp.child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("AIDP_TEST_WRITE_WAITED")) aidp.child.stdout?.resume();
    });
    const { code, stdout } = await aidp.result;
    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(RECORDS);
    // Page 1's text waits for the reader: page 2 is already asked for, page 1 and its text are gone from memory.
    expect(JSON.parse(readFileSync(file, "utf8")).atWaitingWrite).toEqual({
      pagesAlive: 0,
      textAlive: false,
      requestsSent: 2,
    });
    // What the README says of it.
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain("the next page's request goes out while the page before is written");
    expect(readme).toContain("even while a slow reader keeps a write waiting");
  }, 20_000);

  it("--all --output json is one document with the same records", async () => {
    const { code, stdout } = await search("--all", "--limit", "1000");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ items: everyRecord });
  });

  it("--all --output csv parses back to the same records", async () => {
    const { code, stdout } = await search("--all", "--output", "csv");
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(auditRecordFields);
    expect(rows).toEqual(
      everyRecord.map((record) =>
        Object.fromEntries(auditRecordFields.map((field) => [field, String(record[field] ?? "")])),
      ),
    );
  });

  it("--output table renders every record asked for", async () => {
    const { code, stdout } = await search("--max-items", "20", "--output", "table");
    expect(code).toBe(0);
    expect(stdout).toMatch(/eventId.*timeOfLog/);
    for (const record of everyRecord.slice(0, 20))
      expect(stdout).toContain(String(record.eventId).slice(0, 8));
  });

  it("--max-items stops at exactly that many", async () => {
    const { code, stdout } = await search("--max-items", "150", "--limit", "100", "--output", "ndjson");
    expect(code).toBe(0);
    expect(lines(stdout).map((line) => JSON.parse(line))).toEqual(everyRecord.slice(0, 150));
  });

  it("--page resumes from the token a first page gave", async () => {
    const first = JSON.parse((await search("--limit", "100")).stdout);
    expect(first.items).toEqual(everyRecord.slice(0, 100));
    const second = JSON.parse((await search("--limit", "100", "--page", first.nextPage)).stdout);
    expect(second.items).toEqual(everyRecord.slice(100, 200));
  });

  it("--body @file merged with flags filters as the client does with the same body", async () => {
    const file = join(dir, "search.json");
    writeFileSync(file, JSON.stringify({ status: succeeded, sortOrder: ascending }));
    const { code, stdout } = await search(
      "--body",
      `@${file}`,
      "--status",
      failed,
      "--all",
      "--output",
      "ndjson",
    );
    expect(code).toBe(0);
    const expected = [];
    for await (const record of client.searchAuditLogsItems({
      aiDataPlatformId: INSTANCE,
      // The spec's values, read as strings: typed as the body's enums they are.
      details: { status: failed, sortOrder: ascending } as SearchAuditLogsInput["details"],
    }))
      expected.push(record);
    expect(expected.length).toBeGreaterThan(0);
    expect(lines(stdout).map((line) => JSON.parse(line))).toEqual(expected);
  });
});

describe("the root README's example", () => {
  // What `pnpm start` serves: the mock with its default data set, not this file's own seed.
  let defaultMock: RunningMock | undefined;
  beforeAll(async () => {
    defaultMock = await startMock({ port: 0 });
  });
  afterAll(() => defaultMock?.stop());

  it("searches one day's failed operations as CSV, against the default mock in place of 127.0.0.1:4010", async () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const lines = shBlockLines(readme, "## Packages");
    expect(lines).toHaveLength(3);
    const block = lines.join("\n");
    const output = join(dir, "failed.csv");
    const script = block
      .replaceAll("http://127.0.0.1:4010", defaultMock?.url ?? "")
      .replace("> failed.csv", `> ${output}`);
    // Asynchronously: the mock may answer from this very process, which a synchronous exec would block.
    await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], {
      cwd: new URL("../../../", import.meta.url),
      env: { PATH: process.env.PATH, HOME: dir },
    });
    // The header, then the FAILED records of the day the example names: some, and only those.
    const csv = readFileSync(output, "utf8");
    expect(csv.split("\r\n")[0]).toBe(auditRecordFields.join(","));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === failed && (row.timeOfLog ?? "").startsWith("2025-03-29"))).toBe(
      true,
    );
  });
});

describe("the root README's second example", () => {
  let defaultMock: RunningMock | undefined;
  beforeAll(async () => {
    defaultMock = await startMock({ port: 0 });
  });
  afterAll(() => defaultMock?.stop());

  it("--query counts the records, --wait --download writes the file the PAR URL serves", async () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.split(/^## /m).find((part) => part.startsWith("Packages")) ?? "";
    const block = fencedBlocks(section, "README.md").filter((candidate) => candidate.lang === "sh")[1];
    expect(block?.source).toContain("--query");
    const workDir = mkdtempSync(join(dir, "readme-"));
    // It follows the first example in the same shell: its function and export lines come first.
    const firstLines = shBlockLines(readme, "## Packages").filter((line) => /^(aidp\(\)|export) /.test(line));
    const script = [...firstLines, block?.source ?? ""]
      .join("\n")
      .replace("node packages/cli/bin/aidp.js", `node ${new URL("../bin/aidp.js", import.meta.url).pathname}`)
      .replaceAll("http://127.0.0.1:4010", defaultMock?.url ?? "");
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], {
      cwd: workDir,
      env: { PATH: process.env.PATH, HOME: dir },
    });
    const [count] = stdout.split("\n");
    expect(Number(count)).toBeGreaterThan(0);
    const served = await fetch(readFileSync(join(workDir, "log.url"), "utf8").trim());
    const downloaded = readFileSync(join(workDir, "driver.log"));
    expect(downloaded.equals(Buffer.from(await served.arrayBuffer()))).toBe(true);
    // Two aidp runs (one paging to the end, one waiting for an export and downloading it) against a mock answering
    // from this process: 5 s on a quiet machine, past the package's 30 s beside two CPU-bound processes and the
    // rest of the suite.
  }, 120_000);
});

describe("aidp cluster download-logs against the stateful mock", () => {
  it("--par-url-file gets a URL that serves the log file", async () => {
    const file = join(dir, "par-url.txt");
    const { code, stdout, stderr } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...atMock(),
      "--par-url-file",
      file,
      "--debug",
    ]);
    expect(code).toBe(0);
    const url = readFileSync(file, "utf8").trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(stdout + stderr).not.toContain(url);
    expect(JSON.parse(stdout).asyncOperationKey).toEqual(expect.any(String));
    expect((await fetch(url)).status).toBe(200);
  });
});

describe("signed runs against --verify-signatures", () => {
  const signedSearch = async (keyPem: string) => {
    signedMock ??= await startMock({ port: 0, records: 10, verifySignatures: publicKeyFile } as Parameters<
      typeof startMock
    >[0]);
    const home = mkdtempSync(join(dir, "home-"));
    writeFileSync(join(home, "key.pem"), keyPem);
    writeFileSync(
      join(home, "config"),
      [
        "[DEFAULT]",
        `user=${TEST_IDENTITY.user}`,
        `fingerprint=${TEST_IDENTITY.fingerprint}`,
        `tenancy=${TEST_IDENTITY.tenancy}`,
        `key_file=${join(home, "key.pem")}`,
      ].join("\n"),
    );
    return runAidp(
      ["audit", "search-logs", "--endpoint", signedMock.url, "--instance-id", INSTANCE, "--no-retry"],
      {
        env: { OCI_CLI_CONFIG_FILE: join(home, "config") },
      },
    );
  };

  it(`a profile with the right key (${TEST_KEY_ID}) succeeds`, async () => {
    const { code, stderr } = await signedSearch(keys.pkcs8);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("a wrong key exits 3 naming 401", async () => {
    const { code, stderr } = await signedSearch(generateTestKeyPair().pkcs8);
    expect(code).toBe(3);
    expect(stderr).toMatch(/failed with 401/);
  });
});
