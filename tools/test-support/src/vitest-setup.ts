// A vitest `setupFiles` entry: after each test file, whatever happened in it (a failed assertion, a hook that
// timed out while a child was still working), every process it started through startProcess()/runProcess()
// is ended with its process group. Its hooks run after the file's own afterAll hooks.
import { afterAll, beforeAll } from "vitest";
import { setAcceptingNewProcesses, stopAllProcesses } from "./processes.ts";

beforeAll(() => setAcceptingNewProcesses(true));

afterAll(async () => {
  // A hook that timed out keeps running in the background: it must not start anything after this point.
  setAcceptingNewProcesses(false);
  await stopAllProcesses();
});
