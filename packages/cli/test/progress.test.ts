// Progress of --all shows on standard error only when it is a terminal. `script` (util-linux) runs the bin
// on a pseudo-terminal; the other tests run it on pipes, where standard error stays empty.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { awkwardRecord } from "./support/awkward-records.ts";
import { fakeServiceFlags, pagingHandler } from "./support/fake-service.ts";
import { runAidp, startOnTerminal } from "./support/run-aidp.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-cli-progress-"));
const server = useFakeService(pagingHandler(3000, awkwardRecord));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onTerminal = (...flags: string[]) =>
  startOnTerminal(["audit", "search-logs", ...fakeServiceFlags(server), ...flags]).result;

describe("progress", () => {
  it("on a terminal: pages, records, records/s and elapsed time", async () => {
    const { code, stdout } = await onTerminal(
      "--all",
      "--limit",
      "100",
      "--output-file",
      join(dir, "a.ndjson"),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/\d+ pages, [\d,]+ records, [\d,]+ records\/s, \d+\.\d s/);
  });

  it("--quiet turns it off", async () => {
    const { code, stdout } = await onTerminal("--all", "--quiet", "--output-file", join(dir, "b.ndjson"));
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/records\/s/);
  });

  it("not on a terminal: nothing on standard error", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--all",
      "--output-file",
      join(dir, "c.ndjson"),
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});
