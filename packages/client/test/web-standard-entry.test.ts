// The main entry runs in browsers, Deno and Bun: everything `@aidp/client` loads, followed through the built
// files, imports no `node:` module and no package (openapi-fetch is bundled into it; @aidp/types is type-only).
// It is one file, and the other entries take its error classes from it, so a class stays one class.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

function importGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? "";
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the main entry", () => {
  it("is built (turbo builds before testing)", () => {
    expect(existsSync(join(distDir, "index.js"))).toBe(true);
  });

  it("is one file that imports nothing: no node: module, no package (an import costs per module loaded)", () => {
    const { files, packages } = importGraph(join(distDir, "index.js"));
    expect([...files]).toEqual([join(distDir, "index.js")]);
    expect([...packages]).toEqual([]);
    expect(readFileSync(join(distDir, "index.js"), "utf8")).toContain("Includes openapi-fetch");
  });

  it("@aidp/client/signature is web-standard too: no node: import, no package but the main entry", () => {
    const { files, packages } = importGraph(join(distDir, "signature.js"));
    expect(files.size).toBeGreaterThan(1);
    expect([...packages]).toEqual(["@aidp/client"]);
  });

  it("an error thrown by @aidp/client/node is an instance of the main entry's class", () => {
    // As a consumer loads them: both entries by the package's name, in a process of their own.
    const script = `
      import * as main from "@aidp/client";
      import * as node from "@aidp/client/node";
      let thrown;
      try { node.configFileAuth({ configFile: "/nonexistent/aidp-config" }); } catch (error) { thrown = error; }
      console.log(JSON.stringify([node.AidpAuthError === main.AidpAuthError, thrown instanceof main.AidpAuthError,
        thrown instanceof main.AidpError, thrown?.constructor?.name]));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual([true, true, true, "AidpAuthError"]);
  });

  it("@aidp/client/node loads node:https (and TLS) only when an OKE pod asks for its token, not when imported", () => {
    // node:https costs every import of the entry (each `aidp` command's) about 3.5 ms.
    const { files } = importGraph(join(distDir, "auth", "node", "index.js"));
    const code = [...files].map((file) => readFileSync(file, "utf8")).join("\n");
    expect(code).not.toMatch(/(?:^|\n)\s*import\s[^;]*?from\s*"node:(?:https|tls|http)"/);
    expect(code).toContain('import("node:https")');
  });

  it("keeps Node-only code behind @aidp/client/node", () => {
    const { packages } = importGraph(join(distDir, "auth", "node", "index.js"));
    expect([...packages].filter((name) => name.startsWith("node:")).length).toBeGreaterThan(0);
  });
});
