// Load-proof waits: `expect.poll`, `vi.waitFor` and `vi.waitUntil` give up after 1 s unless told otherwise, which
// a busy machine overruns (a docs test failed that way beside two CPU-bound processes). Every such wait in the
// repository's tests must say how long it may take, as a second argument. Read with TypeScript's parser, so a
// call split over lines or nested in another is found as surely as a one-line one.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The waits whose default bound is vitest's 1 s. */
const DEFAULT_BOUNDED_WAITS = new Set(["expect.poll", "vi.waitFor", "vi.waitUntil"]);

/** `file:line: call` for each wait in `source` that leaves its bound to the default (no options argument). */
function waitsWithDefaultBound(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const callee = `${node.expression.expression.getText(sourceFile)}.${node.expression.name.text}`;
      if (DEFAULT_BOUNDED_WAITS.has(callee) && node.arguments.length < 2) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
        found.push(`${file}:${line + 1}: ${callee}(...) without options`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe("waits in the tests", () => {
  it("finds a wait left to its 1 s default, wherever it stands", () => {
    const source = [
      "await expect.poll(() => count()).toBe(1);",
      "await expect",
      "  .poll(() => count())",
      "  .toBe(1);",
      "await vi.waitFor(() => ready(), { timeout: 20_000 });",
      "await expect.poll(() => count(), { timeout: 20_000 }).toBe(1);",
      "await wrap(vi.waitUntil(() => ready()));",
    ].join("\n");
    expect(waitsWithDefaultBound("x.test.ts", source)).toEqual([
      "x.test.ts:1: expect.poll(...) without options",
      "x.test.ts:2: expect.poll(...) without options",
      "x.test.ts:7: vi.waitUntil(...) without options",
    ]);
  });

  it("every expect.poll, vi.waitFor and vi.waitUntil in the repository says its bound", () => {
    const files = execFileSync("git", ["ls-files", "*.ts", "*.mts"], { cwd: repoRoot, encoding: "utf8" })
      .split("\n")
      .filter((file) => file !== "" && !file.includes("/generated/"));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      waitsWithDefaultBound(file, readFileSync(`${repoRoot}${file}`, "utf8")),
    );
    expect(found).toEqual([]);
  });
});
