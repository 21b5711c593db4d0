// The built `aidp-mcp` bin as a child process, as agents start it: over stdio (the client's transport spawns it)
// and over HTTP on 127.0.0.1, with the 1.x SDK client and the 2.x client on 2026-07-28.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningMock, startMock } from "@aidp/mock";
import {
  generateTestKeyPair,
  pemBody,
  resourcePrincipalEnvironment,
  runToExit,
  startProcess,
  TEST_IDENTITY,
  within,
} from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useHttpChild } from "./support/http-child.ts";
import {
  INSTANCE_ID,
  scanForSecretsAfterAll,
  serverArgs,
  toolScenarios,
  useMock,
} from "./support/scenarios.ts";
import { childEnvironment, httpSession, mcpBin, stdioSession } from "./support/sessions.ts";
import { plantedSecrets } from "./support/transcript.ts";

const mocked = useMock();
scanForSecretsAfterAll();

/** The built bin on stdio, its stdin kept open, once it has said its tools (and listens for signals). */
async function startStdioServer() {
  const server = startProcess(
    process.execPath,
    [mcpBin, "--endpoint", mocked.mock().url, "--auth", "none", "--instance-id", INSTANCE_ID],
    { env: childEnvironment(), stdin: "pipe", name: "aidp-mcp" },
  );
  await server.waitForLine(/aidp-mcp: tools: /, { timeoutMs: 30_000, what: "aidp-mcp to start" });
  return server;
}

describe.each(["sdk1", "sdk2-modern"] as const)("%s client, stdio", (kind) => {
  toolScenarios(mocked, () =>
    stdioSession(kind, ["--endpoint", mocked.mock().url, "--auth", "none"], {
      AIDP_INSTANCE_ID: INSTANCE_ID,
    }),
  );
});

describe.each(["sdk2-2025", "sdk2-modern"] as const)("%s client, HTTP", (kind) => {
  const child = useHttpChild(() => serverArgs(mocked.mock().url));
  toolScenarios(mocked, () => httpSession(kind, child().url, () => child().logLines()));
});

describe("credentials as the aidp command line: config-less API key from OCI_CLI_* variables", () => {
  const keys = generateTestKeyPair();
  const directory = mkdtempSync(join(tmpdir(), "aidp-mcp-keys-"));
  let signed: RunningMock;
  beforeAll(async () => {
    const publicKeyFile = join(directory, "public.pem");
    writeFileSync(publicKeyFile, keys.publicKey.export({ type: "spki", format: "pem" }) as string);
    signed = await startMock({ port: 0, records: 3, verifySignatures: publicKeyFile });
    plantedSecrets.add(keys.pkcs8);
    plantedSecrets.add(pemBody(keys.pkcs8).slice(0, 64));
  });
  afterAll(async () => {
    await signed?.stop();
    rmSync(directory, { recursive: true, force: true });
  });
  const identity = {
    OCI_CLI_USER: TEST_IDENTITY.user,
    OCI_CLI_TENANCY: TEST_IDENTITY.tenancy,
    OCI_CLI_FINGERPRINT: TEST_IDENTITY.fingerprint,
  };

  it.each([
    ["the right key: signed requests the mock accepts", keys.pkcs8, false],
    [
      "another key: the mock's 401 is an isError result with its request id",
      generateTestKeyPair().pkcs8,
      true,
    ],
  ])("%s", async (_, key, refused) => {
    const session = await stdioSession("sdk1", ["--endpoint", signed.url, "--instance-id", INSTANCE_ID], {
      ...identity,
      OCI_CLI_KEY_CONTENT: key.replaceAll("\n", "\\n"),
    });
    try {
      const result = await session.callTool("search_audit_logs", { limit: 3 });
      expect(result.isError ?? false).toBe(refused);
      if (refused) expect(result.content[0]?.text).toMatch(/401 \w+: .*opc-request-id [0-9A-F]{32}/);
      else expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(3);
    } finally {
      await session.close();
    }
  });
});

describe("credentials as the aidp command line: --auth resource_principal (OCI Functions' variables)", () => {
  const directory = mkdtempSync(join(tmpdir(), "aidp-mcp-rp-"));
  let verifying: RunningMock;
  beforeAll(async () => {
    // API-key key ids would be looked up in this file; ST$ key ids are checked with the token's jwk claim.
    const unrelated = join(directory, "unrelated.pem");
    writeFileSync(
      unrelated,
      generateTestKeyPair().publicKey.export({ type: "spki", format: "pem" }) as string,
    );
    verifying = await startMock({ port: 0, records: 3, verifySignatures: unrelated });
  });
  afterAll(async () => {
    await verifying?.stop();
    rmSync(directory, { recursive: true, force: true });
  });
  /** OCI Functions' variables, the key in a file; `tokenKey`: the token names another key than the one signing. */
  const resourcePrincipal = (tokenKey?: KeyObject) => {
    const env = resourcePrincipalEnvironment({ tokenKey, privateKeyFile: join(directory, "rp.pem") });
    plantedSecrets.add(env.OCI_RESOURCE_PRINCIPAL_RPST as string);
    return env;
  };

  it.each([
    [
      "the token names the session key: the mock verifies the ST$ signature",
      (): KeyObject | undefined => undefined,
      false,
    ],
    [
      "the token names another key: the mock's 401 is an isError result",
      () => generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey,
      true,
    ],
  ])("%s", async (_, tokenKey, refused) => {
    const session = await stdioSession(
      "sdk2-modern",
      ["--auth", "resource_principal", "--endpoint", verifying.url, "--instance-id", INSTANCE_ID],
      resourcePrincipal(tokenKey()),
    );
    try {
      const result = await session.callTool("search_audit_logs", { limit: 3 });
      expect(result.isError ?? false, result.content[0]?.text).toBe(refused);
      if (refused) expect(result.content[0]?.text).toMatch(/401 \w+: .*opc-request-id [0-9A-F]{32}/);
      else expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(3);
    } finally {
      await session.close();
    }
  });
});

describe("the command line", () => {
  it.each([
    ["sdk1", ["--read-only"], ["search_audit_logs"]],
    [
      "sdk2-modern",
      ["--tools", "download_cluster_logs,read_cluster_log"],
      ["download_cluster_logs", "read_cluster_log"],
    ],
  ] as const)("%s client, %j: offers only those tools", async (kind, args, offered) => {
    const session = await stdioSession(kind, ["--endpoint", mocked.mock().url, "--auth", "none", ...args]);
    try {
      expect((await session.listTools()).map((tool) => tool.name)).toEqual(offered);
    } finally {
      await session.close();
    }
  });

  it.each([
    [["--tools", "delete_everything"], "--tools: no tool delete_everything"],
    [
      ["--auth", "password"],
      "--auth must be one of api_key, security_token, instance_principal, resource_principal, oke_workload_identity, none",
    ],
    [["--transport", "sse"], "--transport must be stdio or http"],
    [
      ["--timeout", "99999999"],
      '--timeout must be at most 2147483.647 seconds (about 24.8 days, the longest a timer holds), got "99999999"',
    ],
    [
      ["--log-handle-hours", "0"],
      '--log-handle-hours must be a number of hours greater than 0, e.g. 30 or 0.5, got "0"',
    ],
    [["--log-handle-hours", "1e10"], '--log-handle-hours must be at most 8760 hours (a year), got "1e10"'],
    // An agent's configuration that writes an unset variable as "": said, not a profile [] looked for.
    [
      ["--auth", "api_key", "--profile", ""],
      "--profile is empty: give a value, or leave it out for the default",
    ],
    [["--colour"], "Unknown option '--colour'"],
    [["--read-only", "--tools", "download_cluster_logs"], "--read-only and --tools contradict each other"],
    [
      ["--read-only", "--tools", "read_cluster_log"],
      "--read-only and --tools contradict each other: read_cluster_log needs download_cluster_logs, which is not read-only",
    ],
  ])("a usage error (%j) exits with 2 and says what is wrong", async (args, message) => {
    const result = await runToExit(
      process.execPath,
      [mcpBin, "--endpoint", mocked.mock().url, "--auth", "none", ...args],
      {
        env: childEnvironment(),
        timeoutMs: 30_000,
      },
    );
    expect(result.stderr).toContain(message);
    expect(result.exit.code).toBe(2);
  });

  it("a stdio message over the SDK's 10 MiB buffer: the server says so and exits with 1, not left hanging or 13", async () => {
    const server = await startStdioServer();
    try {
      // One line of 11 MiB, in pieces as a pipe carries it; the server keeps its stdin open all along.
      const piece = "x".repeat(1024 * 1024);
      // The server stops reading past 10 MiB and exits: the pieces still queued then fail with EPIPE.
      server.child.stdin?.on("error", () => {});
      for (let i = 0; i < 11; i++) server.child.stdin?.write(piece);
      const exit = await within(server.exited, { timeoutMs: 30_000, what: "aidp-mcp to exit" });
      await within(server.outputEnded, { timeoutMs: 10_000, what: "aidp-mcp's output to end" });
      expect(server.stderr()).toContain(
        "aidp-mcp: stdio: ReadBuffer exceeded maximum size of 10485760 bytes",
      );
      expect(server.stderr()).not.toContain("unsettled top-level await");
      expect(exit.code).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it.each(["SIGINT", "SIGTERM"] as const)("%s stops a stdio server with exit code 0", async (signal) => {
    const server = await startStdioServer();
    try {
      server.child.kill(signal);
      const exit = await within(server.exited, { timeoutMs: 30_000, what: "aidp-mcp to exit" });
      expect(exit.code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it("an endpoint from OCI_CLI_ENDPOINT is named as that variable in its error, as aidp names it", async () => {
    const result = await runToExit(process.execPath, [mcpBin, "--auth", "none"], {
      env: childEnvironment({ OCI_CLI_ENDPOINT: "127.0.0.1:4010" }),
      timeoutMs: 30_000,
    });
    expect(result.stderr).toBe(
      'aidp-mcp: OCI_CLI_ENDPOINT "127.0.0.1:4010" is not a URL: give it with its scheme, e.g. http://127.0.0.1:4010 or https://...\n',
    );
    expect(result.exit.code).toBe(2);
  });
});
