// The `aidp-mcp` bin: a usage error prints its message and exits with 2; a stopped server exits with 0, or with the
// exit code main set (1: the connection failed).
import { AidpError } from "@aidp/client";
import { McpUsageError } from "./errors.ts";
import { main } from "./main.ts";

try {
  const running = await main(process.argv.slice(2), process.env);
  await running?.stopped;
  process.exit();
} catch (error) {
  const known = error instanceof McpUsageError || error instanceof AidpError;
  process.stderr.write(
    `aidp-mcp: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(known ? 2 : 1);
}
