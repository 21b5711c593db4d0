// The main entry runs in browsers, Deno and Bun: everything `@aidp/client` loads, followed through the built
// files, imports no `node:` module and no package beyond openapi-fetch and @aidp/types (type-only).
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

  it("loads only web-standard code: no node: import anywhere in its graph", () => {
    const { files, packages } = importGraph(join(distDir, "index.js"));
    // Bundled: the entry and the chunk it shares with @aidp/client/node.
    expect(files.size).toBeGreaterThan(1);
    expect([...files].some((file) => file.includes(join("auth", "node")))).toBe(false);
    expect([...packages].sort()).toEqual(["openapi-fetch"]);
  });

  it("@aidp/client/signature is web-standard too: no node: import, no package", () => {
    const { files, packages } = importGraph(join(distDir, "signature.js"));
    expect(files.size).toBeGreaterThan(1);
    expect([...packages]).toEqual([]);
  });

  it("keeps Node-only code behind @aidp/client/node", () => {
    const { packages } = importGraph(join(distDir, "auth", "node", "index.js"));
    expect([...packages].filter((name) => name.startsWith("node:")).length).toBeGreaterThan(0);
  });
});
