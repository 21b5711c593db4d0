// `aidp-mock --upstream`: the built command signs with the OCI config file's key (checked by the test's own
// upstream with @aidp/client/signature), writes the drift report on SIGTERM/SIGINT, sums it up on standard
// error, exits 1 with --fail-on-drift when something broke the spec, and never writes a secret: the report,
// the record file and everything it printed are scanned for the key, the Authorization headers, the retry
// token and the PAR URL.
import { generateKeyPairSync } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importPublicKeyPem, verifyRequestSignature } from "@aidp/client/signature";
import { type StartedProcess, startProcess } from "@aidp/test-support";
import { afterAll, describe, expect, it } from "vitest";
import type { DriftReport } from "../src/gateway/index.ts";
import { distDir } from "./processes.ts";
import { mixedRecordsPage, operations, validBodies } from "./support.ts";

const cli = new URL("cli.js", distDir).pathname;
const gatewayCli = new URL("gateway/cli.js", distDir).pathname;
const directory = mkdtempSync(join(tmpdir(), "aidp-gateway-cli-"));
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const verifyingKey = await importPublicKeyPem(publicKey.export({ type: "spki", format: "pem" }) as string);
const keyFile = join(directory, "key.pem");
writeFileSync(keyFile, privatePem, { mode: 0o600 });
const configFile = join(directory, "config");
writeFileSync(
  configFile,
  [
    "[DEFAULT]",
    "user=ocid1.user.oc1..u",
    "fingerprint=12:34:56",
    "tenancy=ocid1.tenancy.oc1..t",
    "region=us-ashburn-1",
    `key_file=${keyFile}`,
    "",
  ].join("\n"),
  { mode: 0o600 },
);

const PAR_URL = "https://objectstorage.example.test/p/SECRET-PAR-TOKEN-0123456789/n/ns/b/logs/o/driver.log";
const RETRY_TOKEN = "retry-token-SECRET-4b1d";
const CALLER_AUTHORIZATION =
  'Signature version="1",keyId="caller/key/id",algorithm="rsa-sha256",signature="Q0FMTEVSLVNJRw=="';
const page = mixedRecordsPage;

/** The upstream: checks each signature, remembers each Authorization; `drift` leaves out opc-request-id. */
const seenAuthorizations: string[] = [];
const signatureProblems: string[] = [];
let drift = false;
const upstream = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    seenAuthorizations.push(String(request.headers.authorization));
    await verifyRequestSignature(
      {
        method: request.method ?? "",
        target: request.url ?? "",
        header: (name) => request.headers[name] as string | undefined,
        body: Buffer.concat(chunks),
      },
      { publicKey: verifyingKey },
    ).catch((error: Error) => signatureProblems.push(error.message));
    const requestId = drift ? {} : { "opc-request-id": "UPSTREAM-ID-1" };
    if (request.url?.endsWith("/downloadLogs")) {
      response.writeHead(202, {
        ...requestId,
        "aidp-async-operation-key": "key-1",
        "datalake-cluster-log-par-url": PAR_URL,
      });
      response.end();
      return;
    }
    response.writeHead(200, { ...requestId, "content-type": "application/json" });
    response.end(JSON.stringify(page));
  });
});
upstream.listen(0, "127.0.0.1");
await once(upstream, "listening");
const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

async function startGateway(args: string[], env: NodeJS.ProcessEnv = {}) {
  const gateway: StartedProcess = startProcess(
    process.execPath,
    [cli, "--port", "0", "--upstream", upstreamUrl, ...args],
    {
      name: "aidp-mock",
      env: { ...process.env, ...env },
    },
  );
  const [, url] = await gateway.waitForLine(/^AIDP mock listening on (http:\/\/127\.0\.0\.1:\d+)$/, {
    timeoutMs: 30_000,
    what: "the gateway to listen",
  });
  return { gateway, url: url as string };
}

/** One search and one log export through the gateway, sent with someone else's signature and a retry token. */
async function sendBoth(url: string) {
  const headers = {
    authorization: CALLER_AUTHORIZATION,
    "content-type": "application/json",
    "opc-retry-token": RETRY_TOKEN,
  };
  const search = await fetch(`${url}${operations.searchAuditLogs}`, {
    method: "POST",
    headers,
    body: JSON.stringify(validBodies.searchAuditLogs),
  });
  const download = await fetch(`${url}${operations.downloadClusterLogs}`, {
    method: "POST",
    headers,
    body: JSON.stringify(validBodies.downloadClusterLogs),
  });
  return { search: { status: search.status, body: await search.json() }, download };
}

describe("aidp-mock --upstream", () => {
  it("signs with the config file's key, writes the report on SIGTERM and exits 0 when nothing drifted", async () => {
    drift = false;
    const reportFile = join(directory, "clean-report.json");
    const { gateway, url } = await startGateway(["--report", reportFile, "--fail-on-drift"], {
      OCI_CLI_CONFIG_FILE: configFile, // the variable, as the OCI CLI reads it
    });
    const { search, download } = await sendBoth(url);
    expect(search).toEqual({ status: 200, body: page });
    expect(download.status).toBe(202);
    expect(download.headers.get("datalake-cluster-log-par-url")).toBe(PAR_URL); // passed on unchanged
    expect(signatureProblems).toEqual([]);
    expect(seenAuthorizations.at(-1)).toContain('keyId="ocid1.tenancy.oc1..t/ocid1.user.oc1..u/12:34:56"');

    gateway.child.kill("SIGTERM");
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as DriftReport;
    expect(report).toMatchObject({
      upstream: upstreamUrl,
      requests: 2,
      violations: [],
      upstreamFailures: [],
    });
    expect(gateway.stderr()).toContain(`Drift report: 2 requests to ${upstreamUrl}, 0 distinct violations`);
  });

  it("--fail-on-drift exits 1 on SIGINT when an answer broke the spec; nothing it wrote holds a secret", async () => {
    drift = true;
    const reportFile = join(directory, "drift-report.json");
    const recordFile = join(directory, "records.ndjson");
    const { gateway, url } = await startGateway([
      "--config-file",
      configFile,
      "--report",
      reportFile,
      "--record",
      recordFile,
      "--fail-on-drift",
    ]);
    const before = seenAuthorizations.length;
    await sendBoth(url);
    const live = (await (await fetch(`${url}/_aidp-mock/drift-report`)).json()) as DriftReport;
    expect(live.violations.map(({ operationId, location }) => `${operationId} ${location}`).sort()).toEqual([
      "downloadClusterLogs header opc-request-id",
      "searchAuditLogs header opc-request-id",
    ]);

    gateway.child.kill("SIGINT");
    expect(await gateway.exited).toEqual({ code: 1, signal: null });
    await gateway.outputEnded;
    expect(gateway.stderr()).toContain("--fail-on-drift: exit code 1");
    expect(gateway.stderr()).toContain("searchAuditLogs response 200 header opc-request-id is missing");
    expect(JSON.parse(readFileSync(reportFile, "utf8"))).toEqual(live);
    expect(readFileSync(recordFile, "utf8")).toBe(
      page.items.map((item: unknown) => `${JSON.stringify(item)}\n`).join(""),
    );

    const secrets = {
      "the private key": privatePem.split("\n")[1] as string,
      "the caller's Authorization": "Q0FMTEVSLVNJRw==",
      "the gateway's Authorization": /signature="([^"]+)"/.exec(
        seenAuthorizations[before] ?? "",
      )?.[1] as string,
      "the retry token": RETRY_TOKEN,
      "the PAR URL": "SECRET-PAR-TOKEN",
    };
    expect(Object.values(secrets).every((secret) => typeof secret === "string" && secret.length > 8)).toBe(
      true,
    );
    const written = {
      report: readFileSync(reportFile, "utf8"),
      records: readFileSync(recordFile, "utf8"),
      output: gateway.stdout() + gateway.stderr(),
    };
    expect(written.output).toContain("POST /20260430/"); // the request log was on
    for (const [where, text] of Object.entries(written)) {
      for (const [secret, value] of Object.entries(secrets)) {
        expect(text.includes(value), `${secret} in the ${where}`).toBe(false);
      }
    }
  });

  it("--auth security_token signs with the session token of the profile, which it never prints", async () => {
    drift = true; // violations are logged: their lines must not carry the token either
    const token = "SESSION-TOKEN-SECRET-7f3a9c";
    const tokenFile = join(directory, "token");
    writeFileSync(tokenFile, token, { mode: 0o600 });
    const sessionConfig = join(directory, "session-config");
    writeFileSync(
      sessionConfig,
      `[SESSION]\nregion=us-ashburn-1\nkey_file=${keyFile}\nsecurity_token_file=${tokenFile}\n`,
      {
        mode: 0o600,
      },
    );
    const reportFile = join(directory, "session-report.json");
    const { gateway, url } = await startGateway(["--auth", "security_token", "--report", reportFile], {
      OCI_CLI_CONFIG_FILE: sessionConfig,
      OCI_CLI_PROFILE: "SESSION",
    });
    const problemsBefore = signatureProblems.length;
    await sendBoth(url);
    expect(signatureProblems.slice(problemsBefore)).toEqual([]);
    expect(seenAuthorizations.at(-1)).toContain(`keyId="ST$${token}"`);
    gateway.child.kill("SIGTERM");
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    await gateway.outputEnded;
    expect(gateway.stderr()).toContain(
      "drift: searchAuditLogs response 200 header opc-request-id is missing",
    );
    for (const text of [readFileSync(reportFile, "utf8"), gateway.stdout(), gateway.stderr()]) {
      expect(text).not.toContain(token);
    }
  });

  it.each([
    [["--static"], "--upstream and --static exclude each other"],
    [["--records", "10"], "--upstream and --records exclude each other"],
    [
      ["--auth", "password"],
      '--auth must be one of api_key, security_token, instance_principal, resource_principal, oke_workload_identity, none, got "password"',
    ],
    [["--upstream-timeout", "0"], "--upstream-timeout must be greater than 0, got 0"],
    [["--upstream-timeout-ms", "0"], "--upstream-timeout-ms must be greater than 0, got 0"],
    // Longer than a timer holds: Node would fire it after 1 ms, and every request would time out at once.
    [
      ["--upstream-timeout-ms", "99999999999"],
      "--upstream-timeout-ms must be a number of milliseconds from 1 to 2147483647, got 99999999999",
    ],
    [
      ["--upstream-timeout", "99999999"],
      "--upstream-timeout must be a number of seconds up to 2147483.647, got 99999999",
    ],
    [
      ["--upstream-timeout-ms", "5000", "--upstream-timeout", "5"],
      "--upstream-timeout-ms and --upstream-timeout exclude each other",
    ],
    [["--config-file", join(directory, "missing")], `no OCI config file at ${join(directory, "missing")}.`],
    // Told at start, not found out at the end with no report written and exit 0.
    [
      ["--auth", "none", "--report", join(directory, "missing", "drift.json")],
      `the drift report (--report, option "report") cannot be written: the folder ${join(directory, "missing")} does not exist`,
    ],
    [
      ["--auth", "none", "--report", directory],
      `the drift report (--report, option "report") cannot be written: ${directory} is a folder; give a file name`,
    ],
  ])("refuses %j with a clear error and exit 1", async (args, message) => {
    const run = startProcess(process.execPath, [cli, "--port", "0", "--upstream", upstreamUrl, ...args], {
      name: "aidp-mock",
    });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    await run.outputEnded;
    expect(run.stderr()).toContain(message);
  });

  it.each([
    [
      { OCI_CLI_AUTH: "password" },
      'OCI_CLI_AUTH must be one of api_key, security_token, instance_principal, resource_principal, oke_workload_identity, none, got "password"',
    ],
    [
      { OCI_CLI_CONFIG_FILE: configFile, OCI_CLI_PROFILE: "CI" },
      "no profile [CI] in the OCI config file; it has: [DEFAULT]",
    ],
  ])("reads the OCI CLI's variables %j", async (env, message) => {
    const run = startProcess(process.execPath, [cli, "--port", "0", "--upstream", upstreamUrl], {
      name: "aidp-mock",
      env: { ...process.env, ...env },
    });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    await run.outputEnded;
    expect(run.stderr()).toContain(message);
  });

  it("refuses a gateway flag without --upstream", async () => {
    const run = startProcess(process.execPath, [cli, "--port", "0", "--strict"], { name: "aidp-mock" });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    await run.outputEnded;
    expect(run.stderr()).toContain("--strict needs a gateway (--upstream or --upstream-region)");
  });
});

describe("aidp-gateway", () => {
  it("--strict refuses a request that breaks the spec with 400 and its violations, and does not forward it", async () => {
    drift = false;
    const gateway = startProcess(
      process.execPath,
      [
        gatewayCli,
        "--port",
        "0",
        "--upstream",
        upstreamUrl,
        "--auth",
        "none",
        "--strict",
        "--upstream-timeout-ms",
        "5000",
      ],
      { name: "aidp-gateway" },
    );
    const [, url] = await gateway.waitForLine(/^AIDP gateway listening on (http:\/\/127\.0\.0\.1:\d+)$/, {
      timeoutMs: 30_000,
      what: "the gateway to listen",
    });
    const forwardedBefore = seenAuthorizations.length;
    const refused = await fetch(`${url}${operations.searchAuditLogs}?limit=5000`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...validBodies.searchAuditLogs, sortOrder: "SIDEWAYS" }),
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.message).toContain("The request breaks the spec and was not forwarded (--strict)");
    expect(body.message).toContain("query limit must be <= 1000");
    expect(body.message).toContain("body.sortOrder must be equal to one of the allowed values");
    expect(seenAuthorizations.length).toBe(forwardedBefore);

    const passed = await fetch(`${url}${operations.searchAuditLogs}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validBodies.searchAuditLogs),
    });
    expect(passed.status).toBe(200);
    expect(seenAuthorizations.length).toBe(forwardedBefore + 1);

    gateway.child.kill("SIGTERM");
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    await gateway.outputEnded;
    expect(gateway.stderr()).toContain(`Drift report: 2 requests to ${upstreamUrl}, 2 distinct violations`);
  });

  it("takes none of the mock's flags", async () => {
    const run = startProcess(process.execPath, [gatewayCli, "--upstream", upstreamUrl, "--records", "5"], {
      name: "aidp-gateway",
    });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    await run.outputEnded;
    expect(run.stderr()).toContain("Unknown option '--records'");
    expect(run.stderr()).toContain("Usage: aidp-gateway");
  });
});
