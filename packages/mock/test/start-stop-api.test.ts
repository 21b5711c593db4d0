// startMock()/stop() as a test suite uses them: real Prism processes, real ports.
import type { Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MockStartError, startMock } from "../src/index.ts";
import { isPortFree } from "../src/port.ts";
import { distDir, eventually, firstLineMatching, isAlive, occupyPort, spawnNode } from "./processes.ts";
import { startMockUnchecked } from "./support.ts";

let heldPort: Server | undefined;
afterEach(() => {
  heldPort?.close();
  heldPort = undefined;
});

describe("startMock", () => {
  it("the stateful mock picks a free port, answers once resolved, and stop() frees the port", async () => {
    const mock = await startMock({ port: 0 });
    const { port } = new URL(mock.url);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(port)).toBeGreaterThan(0);
    expect((await fetch(`${mock.url}/`)).status).toBe(404);
    expect(mock.pid).toBeUndefined(); // it runs in this process

    await mock.stop();
    expect(await isPortFree("127.0.0.1", Number(port))).toBe(true);
    await expect(mock.exited).resolves.toEqual({ code: 0, signal: null });
    await expect(mock.stop()).resolves.toBeUndefined(); // twice is harmless
  });

  it("rejects with a clear error when the port is taken", async () => {
    const { port, server } = await occupyPort();
    heldPort = server;
    const failure = await startMock({ port }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MockStartError);
    expect((failure as Error).message).toContain(
      `The AIDP mock did not start on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
    );
  });

  it("static mode: Prism's process answers, and stop() frees the port and ends it", async () => {
    const mock = await startMock({ port: 0, static: true });
    const pid = mock.pid as number;
    expect((await fetch(`${mock.url}/`)).status).toBe(404);
    expect(isAlive(pid)).toBe(true);
    await mock.stop();
    expect(await isPortFree("127.0.0.1", Number(new URL(mock.url).port))).toBe(true);
    expect(isAlive(pid)).toBe(false);
  });

  it("static mode rejects with Prism's own message when the port is taken", async () => {
    const { port, server } = await occupyPort();
    heldPort = server;
    const failure = await startMock({ port, static: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MockStartError);
    const { message, prismOutput } = failure as MockStartError;
    expect(message).toContain(`The AIDP mock did not start on 127.0.0.1:${port}`);
    expect(prismOutput).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(prismOutput).not.toContain("Positionals:"); // the CLI usage text is noise here
  });

  it("rejects when Prism does not answer in time", async () => {
    const failure = await startMock({ port: 0, static: true, startTimeoutMs: 1 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MockStartError);
    expect((failure as Error).message).toMatch(/within 1 ms/);
  });

  it.each([
    [{ port: -1 }, 'option "port" must be an integer from 0 to 65535, got -1'],
    [{ port: 1.5 }, 'option "port" must be an integer from 0 to 65535, got 1.5'],
    [{ host: "" }, 'option "host" must be a non-empty string, got ""'],
    [{ records: -1 }, 'option "records" must be an integer from 0 to 10000000, got -1'],
    [{ records: 5, recordsFile: "r.json" }, 'options "records" and "recordsFile" exclude each other'],
    [{ failRate: 1.5 }, 'option "failRate" must be a number from 0 to 1, got 1.5'],
    [{ static: true, dynamic: true }, 'options "static" and "dynamic" exclude each other'],
    [{ static: true, failRate: 0.1 }, 'option "failRate" needs the stateful mock'],
    [{ errors: true }, 'option "errors" needs "static" or "dynamic"'],
    [
      { startTimeoutMs: 0 },
      'option "startTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got 0',
    ],
    // Under 1 ms: not what the words allow (a timer holds whole milliseconds).
    [
      { startTimeoutMs: 0.5 },
      'option "startTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got 0.5',
    ],
    // Longer than a timer holds: Node would fire it after 1 ms.
    [
      { startTimeoutMs: 2 ** 31 },
      'option "startTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got 2147483648',
    ],
    // Not a number: `true > 0` holds, and a string would be added to Date.now() as text.
    [
      { startTimeoutMs: true as unknown as number },
      'option "startTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got true',
    ],
    [{ exportReadyAfterMs: -5 }, 'option "exportReadyAfterMs" must be an integer from 0 to 3600000, got -5'],
    [{ static: true, exportReadyAfterMs: 10 }, 'option "exportReadyAfterMs" needs the stateful mock'],
  ])("refuses %o: %s", async (options, message) => {
    await expect(startMockUnchecked(options)).rejects.toThrow(message);
  });

  it("static mode leaves no Prism behind when the process that started it is killed", async () => {
    const program = `const { startMock } = await import(${JSON.stringify(new URL("index.js", distDir).href)});
      const mock = await startMock({ port: 0, static: true });
      console.log("ready", mock.pid, mock.url);`;
    const parent = spawnNode(["--input-type=module", "--eval", program]);
    const [, pid, url] = await firstLineMatching(parent.child, /^ready (\d+) (\S+)$/);
    expect(isAlive(Number(pid))).toBe(true);

    parent.child.kill("SIGKILL");
    expect(await eventually(() => !isAlive(Number(pid)))).toBe(true);
    expect(await isPortFree("127.0.0.1", Number(new URL(url ?? "").port))).toBe(true);
  });
});
