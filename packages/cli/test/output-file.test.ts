// --output-file is written atomically: complete, or not there at all (an existing file is left as it was).
// A failure mid-export and Ctrl-C mid-export (exit 130) leave no output file and no temporary file.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { awkwardRecord } from "./support/awkward-records.ts";
import { deferred } from "./support/deferred.ts";
import { fakeServiceFlags, pagingHandler, sendJson, type TestServer } from "./support/fake-service.ts";
import { jsonError } from "./support/json-error.ts";
import { runAidp, startAidp } from "./support/run-aidp.ts";
import { useFakeServices } from "./support/use-fake-service.ts";

const TOTAL = 500;
let dir: string;
const startFakeService = useFakeServices();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aidp-cli-output-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Pages through TOTAL records, 100 a page; the request for page `failAt` (0-based) gets `onFailPage`. */
async function pagingServer(failAt?: number, onFailPage?: Parameters<typeof startFakeService>[0]) {
  const pages = pagingHandler(TOTAL, awkwardRecord);
  return startFakeService((request, response, index) =>
    index === failAt && onFailPage ? onFailPage(request, response, index) : pages(request, response, index),
  );
}

/** `--all` NDJSON export, to `file` or (without it) standard output, with --no-retry. */
const exportArgs = (server: TestServer, file?: string) => [
  "audit",
  "search-logs",
  ...fakeServiceFlags(server),
  "--all",
  "--limit",
  "100",
  "--output",
  "ndjson",
  "--no-retry",
  ...(file === undefined ? [] : ["--output-file", file]),
];

describe("--output-file", () => {
  it("holds every record once the export is complete; nothing goes to standard output", async () => {
    const server = await pagingServer();
    const file = join(dir, "audit.ndjson");
    const { code, stdout } = await runAidp(exportArgs(server, file));
    expect(code).toBe(0);
    expect(stdout).toBe("");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      Array.from({ length: TOTAL }, (_, i) => awkwardRecord(i)),
    );
    expect(readdirSync(dir)).toEqual(["audit.ndjson"]);
  });

  it("through a symbolic link, writes its target and keeps the link (as the shell's > does)", async () => {
    const server = await pagingServer();
    const dated = join(dir, "data");
    mkdirSync(dated);
    writeFileSync(join(dated, "2025-03-16.ndjson"), "yesterday's\n");
    symlinkSync(join(dated, "2025-03-16.ndjson"), join(dir, "latest.ndjson"));
    const { code } = await runAidp(exportArgs(server, join(dir, "latest.ndjson")));
    expect(code).toBe(0);
    expect(lstatSync(join(dir, "latest.ndjson")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dated, "2025-03-16.ndjson"), "utf8").trimEnd().split("\n")).toHaveLength(TOTAL);
    expect(readdirSync(dated)).toEqual(["2025-03-16.ndjson"]);
  });

  it("through a symbolic link to a file not written yet, creates that file and keeps the link (as > does)", async () => {
    const server = await pagingServer();
    symlinkSync("today.ndjson", join(dir, "latest.ndjson")); // relative, as `ln -s today.ndjson latest.ndjson`
    const { code } = await runAidp(exportArgs(server, join(dir, "latest.ndjson")));
    expect(code).toBe(0);
    expect(lstatSync(join(dir, "latest.ndjson")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "today.ndjson"), "utf8").trimEnd().split("\n")).toHaveLength(TOTAL);
    expect(readdirSync(dir).sort()).toEqual(["latest.ndjson", "today.ndjson"]);
  });

  it("through a chain of links, and a link in a folder reached by a link, writes where > would", async () => {
    const server = await pagingServer();
    // b.json -> b2.json -> c.json, none of it written yet: c.json is created, both links stay links.
    symlinkSync("b2.json", join(dir, "b.json"));
    symlinkSync("c.json", join(dir, "b2.json"));
    expect((await runAidp(exportArgs(server, join(dir, "b.json")))).code).toBe(0);
    expect(lstatSync(join(dir, "b2.json")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "c.json"), "utf8").trimEnd().split("\n")).toHaveLength(TOTAL);
    // shortcut -> real/sub, and real/sub/l.json -> ../t.json: `..` is read from real/sub, the link's real folder.
    mkdirSync(join(dir, "real", "sub"), { recursive: true });
    symlinkSync(join(dir, "real", "sub"), join(dir, "shortcut"));
    symlinkSync("../t.json", join(dir, "real", "sub", "l.json"));
    expect((await runAidp(exportArgs(server, join(dir, "shortcut", "l.json")))).code).toBe(0);
    expect(
      readFileSync(join(dir, "real", "t.json"), "utf8")
        .trimEnd()
        .split("\n"),
    ).toHaveLength(TOTAL);
  });

  it("a link that points at itself is a usage error before anything is sent, as > refuses it", async () => {
    const server = await pagingServer();
    symlinkSync("loop.json", join(dir, "loop.json"));
    const { code, stderr } = await runAidp(exportArgs(server, join(dir, "loop.json")));
    expect(code).toBe(2);
    expect(stderr).toContain(
      `--output-file ${join(dir, "loop.json")}: too many levels of symbolic links; nothing was sent`,
    );
    expect(lstatSync(join(dir, "loop.json")).isSymbolicLink()).toBe(true);
  });

  it("is not created when the export fails on page 3 (exit 3), and leaves no temporary file", async () => {
    const server = await pagingServer(2, (_request, response) =>
      sendJson(response, 500, { code: "InternalServerError", message: "boom" }),
    );
    const file = join(dir, "audit.ndjson");
    const { code, stderr } = await runAidp(exportArgs(server, file));
    expect(code, stderr).toBe(3);
    expect(stderr).toContain("500 InternalServerError");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("an existing file is left as it was when the export fails", async () => {
    const server = await pagingServer(1, (_request, response) => {
      response.socket?.destroy();
    });
    const file = join(dir, "audit.ndjson");
    writeFileSync(file, "the previous export\n");
    const { code } = await runAidp(exportArgs(server, file));
    expect(code).toBe(4);
    expect(readFileSync(file, "utf8")).toBe("the previous export\n");
    expect(readdirSync(dir)).toEqual(["audit.ndjson"]);
  });

  it("in a folder that does not exist: exit 2 naming the folder, before anything is sent", async () => {
    const server = await pagingServer();
    const { code, stderr } = await runAidp(exportArgs(server, join(dir, "missing", "audit.ndjson")));
    expect(code).toBe(2);
    expect(stderr).toContain(
      `--output-file ${join(dir, "missing", "audit.ndjson")}: the folder ${join(dir, "missing")} does not exist; nothing was sent`,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("Ctrl-C", () => {
  /** A server that pages normally, then holds the request for page 3 until the test interrupts the CLI. */
  async function holdingServer() {
    const { promise: atPage3, resolve: reachedPage3 } = deferred();
    const server = await pagingServer(2, () => reachedPage3());
    return { server, atPage3 };
  }

  /** The request in flight when interrupted (page 3's, its first attempt), as the line names it. */
  const heldRequest = (server: TestServer) =>
    ` (opc-request-id ${server.requests.at(-1)?.headers["opc-request-id"]}, attempt 1)`;

  it("mid-export with --output-file: exit 130, no output file, no temporary file", async () => {
    const { server, atPage3 } = await holdingServer();
    const file = join(dir, "audit.ndjson");
    const aidp = startAidp(exportArgs(server, file));
    await atPage3;
    aidp.child.kill("SIGINT");
    const { code, stderr } = await aidp.result;
    expect(code).toBe(130);
    // --output ndjson was asked for: the error is JSON, its message the words.
    expect(jsonError(stderr)).toMatchObject({
      kind: "interrupted",
      message: `aidp: interrupted${heldRequest(server)}; nothing was written to ${file} (the 200 records read were in a temporary file, now removed)`,
    });
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)(
    "%s mid-export with --output-file: as Ctrl-C, exit %i, no output file, no temporary file",
    async (signal, exitCode) => {
      const { server, atPage3 } = await holdingServer();
      const file = join(dir, "audit.ndjson");
      const aidp = startAidp(exportArgs(server, file));
      await atPage3;
      aidp.child.kill(signal);
      const { code, stderr } = await aidp.result;
      expect(code).toBe(exitCode);
      expect(jsonError(stderr)).toMatchObject({
        kind: "interrupted",
        exitCode,
        message: `aidp: interrupted${heldRequest(server)}; nothing was written to ${file} (the 200 records read were in a temporary file, now removed)`,
      });
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it("mid-export to standard output: exit 130", async () => {
    const { server, atPage3 } = await holdingServer();
    const aidp = startAidp(exportArgs(server));
    await atPage3;
    aidp.child.kill("SIGINT");
    const { code, stdout, stderr } = await aidp.result;
    expect(code).toBe(130);
    expect(stdout.trimEnd().split("\n")).toHaveLength(200);
    expect(jsonError(stderr)).toMatchObject({
      kind: "interrupted",
      message: `aidp: interrupted${heldRequest(server)}; 200 records had been written to standard output, which is cut short`,
    });
  });

  it("mid-export of one JSON document (the default output) to standard output: says so in words, and that the document is cut", async () => {
    const { server, atPage3 } = await holdingServer();
    const aidp = startAidp(exportArgs(server).filter((arg) => arg !== "--output" && arg !== "ndjson"));
    await atPage3;
    aidp.child.kill("SIGINT");
    const { code, stdout, stderr } = await aidp.result;
    expect(code).toBe(130);
    expect(stdout).toContain('"items": [');
    expect(stderr).toBe(
      `aidp: interrupted${heldRequest(server)}; 200 records had been written to standard output, which is cut short (not a complete JSON document)\n`,
    );
  });
});
