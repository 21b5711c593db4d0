// The aidp-mock command: prints its URL when ready, ends cleanly on a signal with Prism gone.

import { once } from "node:events";
import type { Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isPortFree } from "../src/port.ts";
import {
  distDir,
  eventually,
  firstLineMatching,
  isAlive,
  occupyPort,
  prismChildrenOf,
  spawnNode,
} from "./processes.ts";
import { call } from "./support.ts";

const cli = new URL("cli.js", distDir).pathname;
let heldPort: Server | undefined;
afterEach(() => {
  heldPort?.close();
  heldPort = undefined;
});

describe("aidp-mock", () => {
  it.each([
    ["SIGINT", []],
    ["SIGTERM", []],
    ["SIGTERM", ["--static"]],
  ] as const)("serves until %s, then exits 0 with nothing left behind (%j)", async (signal, mode) => {
    const { child, stderr } = spawnNode([cli, "--port", "0", "--quiet", ...mode]);
    const [, url] = await firstLineMatching(child, /^AIDP mock listening on (http:\/\/127\.0\.0\.1:\d+)$/);
    const port = Number(new URL(url ?? "").port);
    expect((await fetch(`${url}/`)).status).toBe(404);
    const prismPids = prismChildrenOf(child.pid ?? -1);
    expect(prismPids).toHaveLength(mode.length); // Prism runs only for --static

    child.kill(signal);
    // "close": after the exit and the last of its output, so a failure shows everything it printed.
    const [code, endedBy] = await once(child, "close");
    expect({ code, endedBy, stderr: stderr() }).toEqual({
      code: 0,
      endedBy: null,
      stderr: expect.any(String),
    });
    expect(await isPortFree("127.0.0.1", port)).toBe(true);
    expect(await eventually(() => !prismPids.some(isAlive))).toBe(true);
  });

  it("--static starts without an error in its log (its readiness check is not a request Prism cannot route)", async () => {
    const { child, stderr } = spawnNode([cli, "--port", "0", "--static"]);
    try {
      await firstLineMatching(child, /^AIDP mock listening on (http:\/\/127\.0\.0\.1:\d+)$/);
    } finally {
      child.kill("SIGTERM");
      // "close": after the exit and the last of its output, Prism's log of the readiness check included.
      await once(child, "close");
    }
    expect(stderr()).toContain("Prism is listening");
    expect(stderr()).not.toMatch(/error|NO_PATH_MATCHED/i);
  });

  it("exits 1 with the reason when the port is taken", async () => {
    const { port, server } = await occupyPort();
    heldPort = server;
    const { child, stderr } = spawnNode([cli, "--port", String(port)]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr()).toContain(`The AIDP mock did not start on 127.0.0.1:${port}`);
    expect(stderr()).toContain("EADDRINUSE");
  });

  it.each([
    [["--port", "many"], "--port must be an integer, got many"],
    [["--records", "lots"], "--records must be an integer, got lots"],
    [["--fail-rate", "2"], "--fail-rate must be a number from 0 to 1, got 2"],
    [["--export-ready-after", "soon"], "--export-ready-after must be an integer, got soon"],
    [["--export-ready-after-ms", "1.5"], "--export-ready-after-ms must be an integer, got 1.5"],
    [
      ["--export-ready-after-ms", "10", "--export-ready-after", "10"],
      "--export-ready-after-ms and --export-ready-after exclude each other",
    ],
    // The options' own checks, in the flags' names (startMock names its JavaScript options).
    [
      ["--static", "--fail-rate", "0.1"],
      "--fail-rate needs the stateful mock (leave out --static and --dynamic)",
    ],
    [["--records", "5", "--records-file", "r.json"], "--records and --records-file exclude each other"],
    [["--records=-1"], "--records must be an integer from 0 to 10000000, got -1"],
    [["--records", "20000000"], "--records must be an integer from 0 to 10000000, got 20000000"],
    [
      ["--export-ready-after-ms", "99999999"],
      "--export-ready-after-ms must be an integer from 0 to 3600000, got 99999999",
    ],
    [["--port=-1"], "--port must be an integer from 0 to 65535, got -1"],
    // The older spelling is named as typed, not as the option's --export-ready-after-ms.
    [["--export-ready-after=-5"], "--export-ready-after must be an integer from 0 to 3600000, got -5"],
    [["--errors"], "--errors needs --static or --dynamic"],
  ])("refuses %j, naming the argument, with the usage text", async (args, message) => {
    const { child, stderr } = spawnNode([cli, "--port", "0", ...args]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain("Usage: aidp-mock");
  });

  it("--export-ready-after-ms MS: a log export's PAR URL answers 404 until then; the request header overrides it", async () => {
    const { child } = spawnNode([cli, "--port", "0", "--quiet", "--export-ready-after-ms", "600000"]);
    try {
      const [, url] = await firstLineMatching(child, /^AIDP mock listening on (\S+)$/);
      const parUrlOf = async (headers: Record<string, string>) =>
        (await call(url as string, "downloadClusterLogs", { headers })).headers.get(
          "datalake-cluster-log-par-url",
        ) as string;
      const pending = await fetch(await parUrlOf({}));
      expect(pending.status).toBe(404);
      expect((await pending.json()).message).toContain("not ready yet");
      const atOnce = await fetch(await parUrlOf({ "x-aidp-mock-export-ready-after": "0" }));
      expect(atOnce.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  it("serves the data set its options ask for", async () => {
    const { child } = spawnNode([cli, "--port", "0", "--quiet", "--records", "12", "--seed", "cli"]);
    try {
      const [, url] = await firstLineMatching(child, /^AIDP mock listening on (\S+)$/);
      const response = await call(url as string, "searchAuditLogs", { query: "?limit=100", body: {} });
      expect(response.body.items).toHaveLength(12);
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
});
