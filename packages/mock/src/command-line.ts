// What the two commands, `aidp-mock` and `aidp-gateway`, share: the flags of where to listen and what to print,
// reading a flag's number, serving until Ctrl-C or SIGTERM, and the exit on a bad argument (with the usage).
import type { RunningServer } from "./in-process-start.ts";
import type { ServerOptions } from "./server-options.ts";

export const SERVER_FLAGS = {
  port: { type: "string", default: "4010" },
  host: { type: "string", default: "127.0.0.1" },
  quiet: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

export const SERVER_USAGE = `  --port N                  TCP port to listen on; 0 picks a free one (default 4010)
  --host HOST               interface to listen on (default 127.0.0.1)
  --quiet                   do not print the request log
  --help                    print this text`;

/** A flag's value as a whole number; a TypeError naming the flag otherwise. */
export function integerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // A negative number is an integer: the option's own check says which range it breaks.
  if (!/^-?\d+$/.test(value)) throw new TypeError(`--${name} must be an integer, got ${value}`);
  return Number(value);
}

/**
 * A duration in milliseconds, the one unit of the commands' time flags, from `--NAME-ms MS`, or from an older
 * spelling `--NAME` (its unit given as `olderUnitMs`); giving both is refused. The older spelling's value is held
 * to `maxMs` here, by the flag's own name: the option's check would name `--NAME-ms`, which the user did not type.
 */
export function millisecondsFlag(
  name: string,
  milliseconds: string | undefined,
  older: { value: string | undefined; unitMs: number; maxMs: number },
): number | undefined {
  if (milliseconds !== undefined && older.value !== undefined) {
    throw new TypeError(`--${name}-ms and --${name} exclude each other (give --${name}-ms)`);
  }
  if (milliseconds !== undefined) return integerFlag(`${name}-ms`, milliseconds);
  if (older.value === undefined) return undefined;
  if (older.unitMs === 1) {
    const ms = integerFlag(name, older.value) as number;
    if (ms < 0 || ms > older.maxMs)
      throw new TypeError(`--${name} must be an integer from 0 to ${older.maxMs}, got ${older.value}`);
    return ms;
  }
  const maxUnits = older.maxMs / older.unitMs;
  if (!/^\d+(\.\d+)?$/.test(older.value) || Number(older.value) > maxUnits) {
    throw new TypeError(`--${name} must be a number of seconds up to ${maxUnits}, got ${older.value}`);
  }
  return Math.round(Number(older.value) * older.unitMs);
}

/** Where to listen and where the request log goes. */
export function serverOptionsFromFlags(values: {
  port?: string;
  host?: string;
  quiet?: boolean;
}): ServerOptions {
  return {
    port: integerFlag("port", values.port),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.quiet ? {} : { onLog: (line: string) => console.error(line) }),
  };
}

/** The options without those left unset: the checks tell apart "not given" and "given". */
export function withoutUnset<Options extends object>(options: Options): Options {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Options;
}

/**
 * Starts a server and serves until SIGINT or SIGTERM, then stops it and exits with `exitCode` (0 by default).
 * The signal handlers come first: a signal during start-up waits for the server to be up, then stops it.
 */
export async function serveUntilSignal<Running extends RunningServer>(
  start: () => Promise<Running>,
  how: {
    name: string;
    banner: string;
    announce?: (running: Running) => void;
    exitCode?: (running: Running) => number;
  },
): Promise<void> {
  let stopRequested: NodeJS.Signals | undefined;
  let stopNow: (signal: NodeJS.Signals) => void = (signal) => {
    stopRequested = signal;
  };
  const onSignal = (signal: NodeJS.Signals) => stopNow(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const running = await start();
  console.log(`${how.banner} listening on ${running.url}`);
  how.announce?.(running);

  let stopping = false;
  stopNow = async (signal) => {
    // A second signal while stopping (an impatient Ctrl-C) must not end the process half-way: the stop under
    // way ends Prism and frees the port, then exits.
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping the ${how.name}`);
    try {
      await running.stop();
    } catch (error) {
      console.error(`The ${how.name} stopped, but ${(error as Error).message}`);
      process.exit(1);
    }
    process.exit(how.exitCode?.(running) ?? 0);
  };
  if (stopRequested) stopNow(stopRequested);
  const { code, signal } = await running.exited;
  if (stopping) return; // stopNow exits once the port is free
  console.error(`The ${how.name} stopped unexpectedly (${signal ?? `code ${code}`})`);
  process.exit(1);
}

/**
 * An error of startMock's or startGateway's in the command's terms: they name their JavaScript options
 * (`option "exportReadyAfterMs"`, `options "upstream" and "static"`, `verifySignatures: ...`), the user gave flags
 * (`--export-ready-after-ms`, `--upstream and --static`). Only the option sentences' own parts are rewritten: the
 * subject at the start (after "... did not start on HOST:PORT: " when the start failed), and the mode rules'
 * `needs "static" or "dynamic"`; a path, a value or a file's text later in the message stays as it is.
 */
export function inFlagTerms(message: string, flags: readonly string[]): string {
  const flagOf = new Map(
    flags.map((flag) => [flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()), flag]),
  );
  const asFlags = (whole: string, names: (string | undefined)[], joined: (flags: string[]) => string) => {
    const found = names.filter((name) => name !== undefined).map((name) => flagOf.get(name));
    return found.every((flag) => flag !== undefined) ? joined(found.map((flag) => `--${flag}`)) : whole;
  };
  const [, lead = "", sentence = message] = /^(.*? did not start on \S+: )?(.*)$/s.exec(message) ?? [];
  return (
    lead +
    sentence
      .replace(/^options? "([A-Za-z]+)"(?: and "([A-Za-z]+)")?/, (whole, first: string, second?: string) =>
        asFlags(whole, [first, second], (names) => names.join(" and ")),
      )
      .replace(/^([a-z][A-Za-z]*):(?=\s)/, (whole, name: string) =>
        asFlags(whole, [name], ([flag]) => `${flag}:`),
      )
      .replace(
        /\b(needs|leave out) "([A-Za-z]+)" (or|and) "([A-Za-z]+)"/,
        (whole, verb: string, first: string, joiner: string, second: string) =>
          asFlags(whole, [first, second], ([one, other]) => `${verb} ${one} ${joiner} ${other}`),
      )
  );
}

/**
 * Runs a command's main, its errors said in terms of its `flags`; bad arguments (parseArgs' errors and ours are
 * TypeErrors) also print the usage.
 */
export function runCommand(main: () => Promise<void>, usage: string, flags: readonly string[]): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? inFlagTerms(error.message, flags) : error);
    if (error instanceof TypeError) console.error(`\n${usage}`);
    process.exit(1);
  });
}
