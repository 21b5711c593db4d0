// Starts the server as the command line says: the API client, the tools, then stdio or HTTP. Log lines go to
// standard error (standard output is the protocol's, on stdio), redacted like everything else.
import { API_KEY_ENVIRONMENT, RESOURCE_PRINCIPAL_ENV } from "@aidp/client/node";
import { readApiFacts } from "@aidp/spec/facts";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import { parseCommandLine, USAGE } from "./command-line.ts";
import { connectClient } from "./connection.ts";
import { startHttpServer } from "./http-server.ts";
import { LogHandles } from "./log-handles.ts";
import { Redactor } from "./redaction.ts";
import { serverFactory } from "./server.ts";
import { buildTools } from "./tool-catalog.ts";
import { mcpVersion } from "./version.ts";

/** Environment variables whose values are secrets wherever they show up (keys and tokens also have a shape). */
const SECRET_ENVIRONMENT = [
  API_KEY_ENVIRONMENT.keyContent,
  API_KEY_ENVIRONMENT.passphrase,
  RESOURCE_PRINCIPAL_ENV.passphrase,
];

export interface Running {
  /** Resolves when the server has stopped (stdin closed, or a signal). */
  stopped: Promise<void>;
}

export async function main(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv,
): Promise<Running | undefined> {
  const commandLine = parseCommandLine(argv, environment);
  if (commandLine.help) return void process.stdout.write(USAGE);
  if (commandLine.version) return void process.stdout.write(`${mcpVersion}\n`);
  const redactor = new Redactor();
  for (const name of SECRET_ENVIRONMENT) redactor.add(environment[name]);
  const log = (line: string) => process.stderr.write(`aidp-mcp: ${redactor.text(line)}\n`);
  const client = await connectClient(commandLine.connection, environment);
  const handles = new LogHandles({ ttlMs: commandLine.logHandleTtlMs, redactor });
  const tools = buildTools(
    readApiFacts(),
    { client, instanceId: commandLine.instanceId, handles },
    {
      readOnly: commandLine.readOnly,
      names: commandLine.tools,
    },
  );
  const factory = serverFactory({ tools, redactor, log });
  // Heard from here on: the tools line below tells a supervisor (or a test) that a signal now stops the server.
  const signalled = untilSignal();
  log(`tools: ${tools.map((tool) => tool.name).join(", ")}`);

  if (commandLine.transport === "http") {
    const http = await startHttpServer(factory, commandLine.port, log);
    log(`listening on ${http.url}`);
    return { stopped: signalled.then(() => http.close()) };
  }
  const wire = new ObservedStdioTransport();
  const stdio = serveStdio(factory, { transport: wire, onerror: (error) => log(`stdio: ${error.message}`) });
  const stdinEnded = new Promise<void>((resolve) => process.stdin.once("end", resolve));
  // The SDK's transport closes itself when it cannot go on (a message over its 10 MiB buffer, after its error is
  // logged): the server stops then too, with exit code 1, instead of leaving Node nothing to wait for. Closed by
  // us (stdin's end, a signal), it is a normal stop.
  let stopping = false;
  const wireGaveUp = wire.closed.then(() => {
    if (!stopping && !process.stdin.readableEnded) process.exitCode = 1;
  });
  const stopped = Promise.race([stdinEnded, signalled, wireGaveUp]).then(() => {
    stopping = true;
    return stdio.close();
  });
  return { stopped };
}

/** The SDK's stdio transport, with a promise of its closing, whoever closed it. */
class ObservedStdioTransport extends StdioServerTransport {
  #markClosed!: () => void;
  readonly closed = new Promise<void>((resolve) => {
    this.#markClosed = resolve;
  });

  override async close(): Promise<void> {
    await super.close();
    this.#markClosed();
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
}
