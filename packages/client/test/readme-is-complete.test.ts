// The README's lists of client options and error classes are checked against the code: an option added to
// AidpClientOptions (or EndpointOptions, CallOptions) or an error class exported without a line in the README
// fails here, with its name.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as client from "../src/index.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const source = (file: string) => readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8");

/** The property names declared in `interface NAME ... { ... }` of `text` (one level, as these interfaces are). */
function interfaceProperties(text: string, name: string): string[] {
  const body = new RegExp(`export interface ${name}\\b[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1];
  if (body === undefined) throw new Error(`no interface ${name}`);
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1] as string);
}

/** The first cell of each row of the table under `## heading`. */
function firstCells(heading: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? "";
  return [...section.matchAll(/^\| `(\w+)`/gm)].map((match) => match[1] as string);
}

describe("the README's client options", () => {
  it("are every option createAidpClient takes, each once", () => {
    const options = [
      ...interfaceProperties(source("endpoint.ts"), "EndpointOptions"),
      ...interfaceProperties(source("options.ts"), "AidpClientOptions"),
      // The call options the client takes too (Omit<CallOptions, "signal">).
      ...interfaceProperties(source("options.ts"), "CallOptions").filter((name) => name !== "signal"),
    ];
    expect(options).toEqual(expect.arrayContaining(["baseUrl", "auth", "fetch", "headers", "userAgent"]));
    expect(firstCells("Client options").sort()).toEqual(options.sort());
  });
});

describe("the README's error table", () => {
  it("names every error class the package exports", () => {
    const errorClasses = Object.entries(client)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof client.AidpError)
      .map(([name]) => name);
    expect(errorClasses).toContain("AidpAuthError");
    const section = readme.split(/^## /m).find((part) => part.startsWith("Errors\n")) ?? "";
    expect(errorClasses.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
  });
});
