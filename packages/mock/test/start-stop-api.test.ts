// startMock()/stop() as a test suite uses them: real Prism processes, real ports.
import type { Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MockStartError, startMock } from "../src/index.ts";
import { isPortFree } from "../src/port.ts";
import { distDir, eventually, firstLineMatching, isAlive, occupyPort, spawnNode } from "./processes.ts";

let heldPort: Server | undefined;
afterEach(() => {
  heldPort?.close();
  heldPort = undefined;
});

describe("startMock", () => {
  it("picks a free port, answers HTTP once resolved, and stop() frees the port and ends Prism", async () => {
    const mock = await startMock({ port: 0 });
    const { port } = new URL(mock.url);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(port)).toBeGreaterThan(0);
    expect((await fetch(`${mock.url}/`)).status).toBe(404);
    expect(isAlive(mock.pid)).toBe(true);

    await mock.stop();
    expect(await isPortFree("127.0.0.1", Number(port))).toBe(true);
    expect(isAlive(mock.pid)).toBe(false);
    await expect(mock.stop()).resolves.toBeUndefined(); // twice is harmless
  });

  it("rejects with a clear error and Prism's own message when the port is taken", async () => {
    const { port, server } = await occupyPort();
    heldPort = server;
    const failure = await startMock({ port }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MockStartError);
    const { message, prismOutput } = failure as MockStartError;
    expect(message).toContain(`The AIDP mock did not start on 127.0.0.1:${port}`);
    expect(prismOutput).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(prismOutput).not.toContain("Positionals:"); // the CLI usage text is noise here
  });

  it("rejects when Prism does not answer in time", async () => {
    const failure = await startMock({ port: 0, startTimeoutMs: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MockStartError);
    expect((failure as Error).message).toMatch(/within 1 ms/);
  });

  it.each([
    [{ port: -1 }, 'option "port" must be an integer from 0 to 65535, got -1'],
    [{ port: 1.5 }, 'option "port" must be an integer from 0 to 65535, got 1.5'],
    [{ host: "" }, 'option "host" must be a non-empty string, got ""'],
    [{ seed: "42" }, 'option "seed" needs "dynamic": true'],
    [{ startTimeoutMs: 0 }, 'option "startTimeoutMs" must be a positive number, got 0'],
  ])("refuses %o: %s", async (options, message) => {
    await expect(startMock(options)).rejects.toThrow(message);
  });

  it("leaves no Prism behind when the process that started it is killed", async () => {
    const program = `const { startMock } = await import(${JSON.stringify(new URL("index.js", distDir).href)});
      const mock = await startMock({ port: 0 });
      console.log("ready", mock.pid, mock.url);`;
    const parent = spawnNode(["--input-type=module", "--eval", program]);
    const [, pid, url] = await firstLineMatching(parent.child, /^ready (\d+) (\S+)$/);
    expect(isAlive(Number(pid))).toBe(true);

    parent.child.kill("SIGKILL");
    expect(await eventually(() => !isAlive(Number(pid)))).toBe(true);
    expect(await isPortFree("127.0.0.1", Number(new URL(url ?? "").port))).toBe(true);
  });
});
