// The built bin with `--transport http --port 0`, in its own process group (ended after the file whatever its
// outcome); its URL is the one it prints.
import { type StartedProcess, startProcess } from "@aidp/test-support";
import { afterAll, beforeAll } from "vitest";
import { childEnvironment, mcpBin } from "./sessions.ts";
import { record } from "./transcript.ts";

export interface HttpChild {
  url: string;
  process: StartedProcess;
  logLines(): string[];
}

async function startHttpChild(args: string[], env: Record<string, string> = {}): Promise<HttpChild> {
  const child = startProcess(process.execPath, [mcpBin, "--transport", "http", "--port", "0", ...args], {
    env: childEnvironment(env),
    name: "aidp-mcp --transport http",
  });
  const [, url] = await child.waitForLine(/listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/, {
    timeoutMs: 30_000,
    what: "aidp-mcp to listen",
  });
  return { url: url as string, process: child, logLines: () => child.stderr().split("\n").filter(Boolean) };
}

/** A child for the enclosing describe (or file): started before its tests, its log recorded and ended after. */
export function useHttpChild(args: () => string[]): () => HttpChild {
  let child: HttpChild | undefined;
  beforeAll(async () => {
    child = await startHttpChild(args());
  });
  afterAll(async () => {
    for (const line of child?.logLines() ?? []) record("http child log", line);
    await child?.process.stop();
  });
  return () => child as HttpChild;
}
