// The OCI CLI's timeouts are on by default (10 s to connect, 60 s for the answer), so a service that never
// answers cannot hang a script; a network failure names the host, the port and the system's error code.
import { connect, type Socket } from "node:net";
import { startProcess } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { closedPort, searchLogsAt } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeServices } from "./support/use-fake-service.ts";

const startFakeService = useFakeServices();

/** A server that accepts the connection and the request, and never answers. */
const silentServer = () => startFakeService(() => {});

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

  it("a server that accepts and never answers: exit 4 after --read-timeout, naming host, port and flag", async () => {
    const server = await silentServer();
    const { code, stdout, stderr } = await runAidp(
      searchLogsAt(server.url, "--read-timeout", "0.5", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stdout).toBe("");
    const hostPort = new URL(server.url).host;
    expect(stderr).toBe(`aidp: timed out: ${hostPort} sent nothing for 0.5 s (no answer; --read-timeout)\n`);
    expect(server.requests).toHaveLength(1);
  });

  it("a connection that never opens: exit 4 after --connection-timeout", async () => {
    // A listener whose process never accepts (its event loop is blocked) and whose accept queue is full: the
    // kernel drops further connection attempts, as a firewall that swallows packets does.
    const listener = startProcess(
      process.execPath,
      [
        "-e",
        `const s = require("node:net").createServer().listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
           console.log("port " + s.address().port);
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
         });`,
      ],
      { name: "a listener that never accepts" },
    );
    try {
      const [, port] = await listener.waitForLine(/^port (\d+)$/, { timeoutMs: 10_000, what: "the port" });
      const fillers: Socket[] = [];
      // (Node reads a backlog of 0 as "the default"; 1 lets the kernel queue two connections.)
      for (let i = 0; i < 4; i++) fillers.push(connect(Number(port), "127.0.0.1").on("error", () => {}));
      try {
        const { code, stderr } = await runAidp(
          searchLogsAt(
            `http://127.0.0.1:${port}`,
            "--connection-timeout",
            "0.5",
            "--read-timeout",
            "1",
            "--no-retry",
          ),
        );
        expect(stderr).toBe(
          `aidp: timed out: no connection to 127.0.0.1:${port} within 0.5 s (ETIMEDOUT; --connection-timeout)\n`,
        );
        expect(code).toBe(4);
      } finally {
        for (const socket of fillers) socket.destroy();
      }
    } finally {
      await listener.stop();
    }
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
});

describe("network failures in the user's terms", () => {
  it("connection refused: host, port and ECONNREFUSED", async () => {
    const port = await closedPort();
    const { code, stderr } = await runAidp(searchLogsAt(`http://127.0.0.1:${port}`, "--no-retry"));
    expect(code).toBe(4);
    expect(stderr).toBe(
      `aidp: network failure: cannot reach 127.0.0.1:${port}: ECONNREFUSED (connection refused: nothing listens there)\n`,
    );
  });

  it("an unknown host: its name and ENOTFOUND", async () => {
    const { code, stderr } = await runAidp(
      searchLogsAt("http://aidp-no-such-host.invalid:4010", "--no-retry"),
    );
    expect(code).toBe(4);
    expect(stderr).toMatch(
      /^aidp: network failure: cannot reach aidp-no-such-host\.invalid:4010: (ENOTFOUND|EAI_AGAIN) /,
    );
  });
});
