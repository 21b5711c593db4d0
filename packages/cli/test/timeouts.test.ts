// The OCI CLI's timeouts are on by default (10 s to connect, 60 s for the answer), so a service that never
// answers cannot hang a script; a network failure names the host, the port and the system's error code.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connectionOptions } from "../src/connection.ts";
import { closedPort, DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, searchLogsAt } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeServices } from "./support/use-fake-service.ts";

const startFakeService = useFakeServices();

/** A server that accepts the connection and the request, and never answers. */
const silentServer = () => startFakeService(() => {});

/**
 * `download-logs --download FILE --no-retry` against a service whose export is ready at once and whose log file
 * sends its first line of 1,000 bytes, then `afterFirstLine` (nothing: it stalls). Its exit code and standard
 * error, whether FILE exists, and the service's host:port.
 */
async function downloadCutShort(afterFirstLine: (response: ServerResponse) => void, ...flags: string[]) {
  const server = await startFakeService((request, response) => {
    if (request.method === "POST") {
      response.writeHead(202, {
        "content-type": "application/json",
        "aidp-async-operation-key": "op-cut-short",
        "datalake-cluster-log-par-url": `${server.url}/p/token/o/driver.log`,
      });
      response.end("{}");
      return;
    }
    response.writeHead(200, { "content-type": "text/plain", "content-length": "1000" });
    response.write("the first line of the log\n", () => afterFirstLine(response));
  });
  const directory = mkdtempSync(join(tmpdir(), "aidp-download-"));
  const file = join(directory, "driver.log");
  const args = [
    ...DOWNLOAD_LOGS_COMMAND,
    ...fakeServiceFlags(server),
    "--download",
    file,
    "--no-retry",
    ...flags,
  ];
  try {
    const { code, stderr } = await runAidp(args);
    return { code, stderr, fileExists: existsSync(file), hostPort: new URL(server.url).host };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("timeouts", () => {
  it("are on by default: 10 s to connect, 60 s for the answer (--debug says so)", async () => {
    const server = await silentServer();
    const { code, stderr } = await runAidp(
      searchLogsAt(server.url, "--debug", "--read-timeout", "0.5", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stderr).toContain("connection timeout 10 s, read timeout 0.5 s");
    const defaults = await runAidp(
      ["audit", "search-logs", "--auth", "none", "--debug", "--no-retry", "--instance-id", "x"],
      {
        env: { OCI_CLI_ENDPOINT: "http://127.0.0.1:9" },
      },
    );
    expect(defaults.stderr).toContain("connection timeout 10 s, read timeout 60 s");
  });

  it("a server that accepts and never answers: exit 4 after --read-timeout, naming host, port, flag and the request id the server saw", async () => {
    const server = await silentServer();
    const { code, stdout, stderr } = await runAidp(
      searchLogsAt(server.url, "--read-timeout", "0.5", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stdout).toBe("");
    const hostPort = new URL(server.url).host;
    expect(server.requests).toHaveLength(1);
    const sentId = server.requests[0]?.headers["opc-request-id"];
    expect(sentId).toMatch(/^[0-9A-F]{32}$/);
    expect(stderr).toBe(
      `aidp: timed out: searchAuditLogs failed: waiting for the answer of ${hostPort}: no answer within the --read-timeout of 0.5 s (UND_ERR_HEADERS_TIMEOUT) (opc-request-id ${sentId}, attempt 1)\n`,
    );
  });

  it("an answer that stops mid-body: exit 4 after --read-timeout, naming host, port and flag", async () => {
    const server = await startFakeService((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"items":[');
    });
    const { code, stdout, stderr } = await runAidp(
      searchLogsAt(server.url, "--read-timeout", "0.5", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      `aidp: timed out: searchAuditLogs failed: waiting for the answer of ${new URL(server.url).host}: answer stalled beyond the --read-timeout of 0.5 s (UND_ERR_BODY_TIMEOUT) (opc-request-id `,
    );
  });

  it("a log file that stops mid-body: exit 4 after --read-timeout, though --timeout is no longer", async () => {
    // --timeout bounds each API call whole, so the CLI leaves the reads of those answers to it; the download
    // streams for as long as it takes, and only the read timeout can tell that it stopped.
    // Equal, the API calls' reads are theirs: 1 s, not less, so that a busy machine still answers the export's
    // request within its --timeout.
    const { code, stderr, fileExists, hostPort } = await downloadCutShort(
      () => {},
      "--timeout",
      "1",
      "--read-timeout",
      "1",
    );
    expect(stderr).toBe(
      `aidp: timed out: downloading the log file: waiting for the answer of ${hostPort}: answer stalled beyond the --read-timeout of 1 s (UND_ERR_BODY_TIMEOUT)\n`,
    );
    expect(code).toBe(4);
    expect(fileExists).toBe(false);
  }, 10_000);

  it("a log file whose connection is reset mid-body: exit 4, naming the download, host and port", async () => {
    const { code, stderr, fileExists, hostPort } = await downloadCutShort((response) =>
      response.socket?.destroy(),
    );
    expect(stderr).toBe(
      `aidp: network failure: downloading the log file: exchange with ${hostPort}: connection closed (UND_ERR_SOCKET)\n`,
    );
    expect(code).toBe(4);
    expect(fileExists).toBe(false);
  });

  it("the read timeout holds with a --connection-timeout of the user's too (undici's Agent, its own limits off)", async () => {
    const server = await silentServer();
    const { code, stderr } = await runAidp(
      searchLogsAt(server.url, "--connection-timeout", "5", "--read-timeout", "0.5", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stderr).toMatch(
      `waiting for the answer of ${new URL(server.url).host}: no answer within the --read-timeout of 0.5 s (UND_ERR_HEADERS_TIMEOUT)`,
    );
  });

  it("a connection that never opens: exit 4 after --connection-timeout", async () => {
    // A TCP listener that accepts and never says a word: for an https endpoint the TLS handshake never completes,
    // and the connection timeout covers the handshake. Deterministic, unlike a full accept queue.
    const held: Socket[] = [];
    const listener = createServer((socket) => held.push(socket.on("error", () => {})));
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const { port } = listener.address() as AddressInfo;
    try {
      const { code, stderr } = await runAidp(
        searchLogsAt(
          `https://127.0.0.1:${port}`,
          "--connection-timeout",
          "0.5",
          "--read-timeout",
          "30",
          "--no-retry",
          "--request-id",
          "never-opens",
        ),
      );
      expect(stderr).toBe(
        `aidp: timed out: searchAuditLogs failed: connecting to 127.0.0.1:${port}: no connection within the --connection-timeout of 0.5 s (UND_ERR_CONNECT_TIMEOUT) (opc-request-id never-opens, attempt 1)\n`,
      );
      expect(code).toBe(4);
      expect(held, "the one attempt reached the listener").toHaveLength(1);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it("a whole attempt has no limit unless --timeout gives one, so a --read-timeout over the client's 60 s holds", async () => {
    // Read from the options the command hands the client: the client's default of 60 s a whole attempt would
    // cut a slow answer under --read-timeout 90, and end a stall at 60 s in words that name no flag. Waiting
    // 60 s in a test to show it is not worth the minute; the stall tests above show the read timeout's words.
    const flags = { auth: "none", endpoint: `http://127.0.0.1:${await closedPort()}` };
    const withoutTimeout = await connectionOptions({ ...flags, readTimeout: "90" }, {}, () => {});
    expect(withoutTimeout.clientOptions.timeoutMs).toBe(false);
    const withTimeout = await connectionOptions({ ...flags, timeout: "5" }, {}, () => {});
    expect(withTimeout.clientOptions.timeoutMs).toBe(5000);
  });

  it.each([
    ["0", "--read-timeout"],
    ["ten", "--connection-timeout"],
  ])("%s for %s is a usage error naming the flag", async (value, flag) => {
    const { code, stderr } = await runAidp(
      searchLogsAt(`http://127.0.0.1:${await closedPort()}`, flag, value),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${flag} must be a number of seconds greater than 0, e.g. 30 or 0.5, got "${value}"`,
    );
  });

  // Longer than a timer holds: Node would fire it after 1 ms, ending every attempt at its start.
  it.each(["--timeout", "--read-timeout", "--connection-timeout"])(
    "99999999 seconds for %s is a usage error naming the flag and the bound",
    async (flag) => {
      const { code, stderr } = await runAidp(
        searchLogsAt(`http://127.0.0.1:${await closedPort()}`, flag, "99999999"),
      );
      expect(code).toBe(2);
      expect(stderr).toContain(
        `${flag} must be at most 2147483.647 seconds (about 24.8 days, the longest a timer holds), got "99999999"`,
      );
    },
  );
});

describe("network failures in the user's terms", () => {
  it("connection refused: host, port and ECONNREFUSED", async () => {
    const port = await closedPort();
    const { code, stderr } = await runAidp(searchLogsAt(`http://127.0.0.1:${port}`, "--no-retry"));
    expect(code).toBe(4);
    expect(stderr).toMatch(
      new RegExp(
        `^aidp: network failure: searchAuditLogs failed: connecting to 127\\.0\\.0\\.1:${port}: connection refused: nothing listens there \\(ECONNREFUSED\\) \\(opc-request-id [0-9A-F]{32}, attempt 1\\)\n$`,
      ),
    );
  });

  it("an unknown host: its name and ENOTFOUND", async () => {
    const { code, stderr } = await runAidp(
      searchLogsAt("http://aidp-no-such-host.invalid:4010", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stderr).toMatch(
      /^aidp: network failure: searchAuditLogs failed: looking up aidp-no-such-host\.invalid:4010: .* \((ENOTFOUND|EAI_AGAIN)\) \(opc-request-id [0-9A-F]{32}, attempt 1\)\n$/,
    );
  });
});
