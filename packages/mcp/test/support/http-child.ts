// The built bin with `--transport http --port 0`, in its own process group (ended after the file whatever its
// outcome); its URL is the one it prints.
import { type StartedProcess, startProcess } from "@aidp/test-support";
import { childEnvironment, mcpBin } from "./sessions.ts";

export interface HttpChild {
  url: string;
  process: StartedProcess;
  logLines(): string[];
}

export async function startHttpChild(args: string[], env: Record<string, string> = {}): Promise<HttpChild> {
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
