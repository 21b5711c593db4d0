// The package's version, for the server's name in the MCP handshake and the client's User-Agent.
import { createRequire } from "node:module";

export const mcpVersion: string = (createRequire(import.meta.url)("../package.json") as { version: string })
  .version;
