// The command line: global flags (connection, output), the two commands, help with examples, completion.
// The commands' request flags come from the spec through src/generated/operation-flags.ts.
import yargs, { type Argv } from "yargs";
import { completeWord, knownFlags, withSuggestion } from "./command-line-help.ts";
import { downloadLogsCommand } from "./commands/download-logs.ts";
import { searchLogsCommand } from "./commands/search-logs.ts";
import {
  API_KEY_ENVIRONMENT,
  AUTH_TYPES,
  CONNECTION_ENVIRONMENT,
  DEFAULT_TIMEOUT_SECONDS,
} from "./connection.ts";
import { ExitCode } from "./exit-codes.ts";
import { OUTPUT_FORMATS } from "./output/record-format.ts";
import { HELP_WIDTH } from "./pre-rendered-help.ts";
import { cliVersion } from "./version.ts";

const EXIT_CODES_HELP = `Exit codes: 0 success; 2 usage or validation error (nothing was sent); 3 the service answered an error; 4 network failure or timeout; 5 the export started but its answer could not be written where asked (standard error says where it was kept); 130 interrupted (Ctrl-C); 1 anything else.`;

const CONFIG_LESS_AUTH_HELP = `Without a config file (CI, as the OCI CLI): ${API_KEY_ENVIRONMENT.user}, ${API_KEY_ENVIRONMENT.tenancy}, ${API_KEY_ENVIRONMENT.fingerprint}, and ${API_KEY_ENVIRONMENT.keyFile} or ${API_KEY_ENVIRONMENT.keyContent} (${API_KEY_ENVIRONMENT.passphrase} for an encrypted key) sign with that API key.`;

function withGlobalFlags(program: Argv): Argv {
  const connection = "Connection:";
  const output = "Output:";
  return program
    .option("output", {
      alias: "o",
      choices: OUTPUT_FORMATS,
      default: "json",
      description: "json (one document), ndjson (one record a line), csv (RFC 4180) or table [default json]",
      group: output,
    })
    .option("output-file", {
      type: "string",
      description:
        "Write to FILE instead of standard output, atomically (a temporary file renamed when complete)",
      group: output,
    })
    .option("query", {
      type: "string",
      description:
        "JMESPath expression to filter the JSON output, as the OCI CLI: e.g. \"items[?status=='FAILED'].eventId\" (the whole output is then held in memory)",
      group: output,
      requiresArg: true,
    })
    .option("raw-output", {
      type: "boolean",
      description: "With --query: a string result is printed as it is, without quotes (for shell scripts)",
      group: output,
    })
    .option("quiet", {
      alias: "q",
      type: "boolean",
      description: "No progress line on standard error",
      group: output,
    })
    .option("profile", {
      type: "string",
      description: `Profile of the OCI config file [env ${CONNECTION_ENVIRONMENT.profile}, default DEFAULT]`,
      group: connection,
    })
    .option("config-file", {
      type: "string",
      description: `OCI config file [env ${CONNECTION_ENVIRONMENT.configFile}, default ~/.oci/config]`,
      group: connection,
    })
    .option("region", {
      type: "string",
      description: `OCI region, e.g. us-ashburn-1 [env ${CONNECTION_ENVIRONMENT.region}, default: the profile's]`,
      group: connection,
    })
    .option("endpoint", {
      type: "string",
      description: `Base URL of the service; wins over --region [env ${CONNECTION_ENVIRONMENT.endpoint}]`,
      group: connection,
    })
    .option("auth", {
      choices: AUTH_TYPES,
      description: `How to sign requests: api_key, security_token, or none to send them unsigned (the mock) [env ${CONNECTION_ENVIRONMENT.auth}, default: security_token if the profile has a security_token_file, else api_key]`,
      group: connection,
    })
    .option("connection-timeout", {
      type: "string",
      description: `Seconds to wait for a connection to open before the attempt fails (and is retried) [default ${DEFAULT_TIMEOUT_SECONDS.connection}]`,
      group: connection,
    })
    .option("read-timeout", {
      type: "string",
      description: `Seconds to wait for the answer, and for each part of it, before the attempt fails (and is retried) [default ${DEFAULT_TIMEOUT_SECONDS.read}]`,
      group: connection,
    })
    .option("timeout", {
      type: "string",
      description:
        "Seconds a whole attempt (connection, answer and body) may take before it is aborted (and retried)",
      group: connection,
    })
    .option("max-retries", {
      type: "string",
      description: "A whole number: retries after a failed attempt (429, 5xx, network)",
      group: connection,
    })
    .option("retry", {
      type: "boolean",
      default: true,
      description: "Retry failed attempts; --no-retry sends each request once",
      group: connection,
    })
    .option("request-id", {
      type: "string",
      description:
        "The opc-request-id header of the request, to find it in the service's logs (a fresh one per command otherwise; retries keep it)",
      group: connection,
      requiresArg: true,
    })
    .option("debug", {
      alias: "d",
      type: "boolean",
      description: "One line per attempt on standard error (secrets are never shown)",
      group: connection,
    });
}

export async function main(args: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = withGlobalFlags(yargs([...args]))
    .scriptName("aidp")
    .usage("$0 <command> <subcommand> [flags]\n\nThe command line of the Oracle Cloud AI Data Platform API.")
    .command("audit", "Audit logs of an AI Data Platform instance", (audit) =>
      audit.command(searchLogsCommand(setExitCode)).demandCommand(1, "Give a subcommand: search-logs"),
    )
    .command("cluster", "Clusters of an AI Data Platform workspace", (cluster) =>
      cluster.command(downloadLogsCommand(setExitCode)).demandCommand(1, "Give a subcommand: download-logs"),
    )
    .completion(
      "completion",
      "Print the shell completion script (bash: aidp completion >> ~/.bashrc; zsh: aidp completion >> ~/.zshrc)",
      completeWord,
    )
    .demandCommand(1, "Give a command: audit search-logs, or cluster download-logs")
    .parserConfiguration({ "duplicate-arguments-array": false })
    .strict()
    .version(cliVersion)
    .alias("version", "v")
    .help()
    .alias("help", "h")
    .wrap(Math.min(HELP_WIDTH, process.stdout.columns ?? HELP_WIDTH))
    .epilogue(`${CONFIG_LESS_AUTH_HELP}\n\n${EXIT_CODES_HELP}`)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new CommandLineError(withSuggestion(message, knownFlags(program)));
    });
  // Bare `aidp` shows the help, as the OCI CLI does: a question, not a mistake.
  if (args.length === 0) {
    program.showHelp((text) => process.stdout.write(`${text}\n`));
    return ExitCode.ok;
  }
  // yargs would show every flag read as text as [string]; each description says what it takes instead.
  (program as WithUsageConfiguration).usageConfiguration({ "hide-types": true });
  try {
    await program.parseAsync();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `aidp: ${message}\nRun \`aidp --help\` (or \`aidp <command> <subcommand> --help\`) for usage.\n`,
    );
    return error instanceof CommandLineError ? ExitCode.usage : ExitCode.failure;
  }
  return exitCode;
}

/** yargs 18 has usageConfiguration(); @types/yargs 17 does not know it yet. */
type WithUsageConfiguration = Argv & { usageConfiguration(config: { "hide-types": boolean }): Argv };

/** yargs rejected the command line (unknown flag, bad choice, missing command). */
class CommandLineError extends Error {
  override name = "CommandLineError";
}
