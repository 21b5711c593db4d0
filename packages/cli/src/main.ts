// The command line: global flags (connection, output), the two commands, help with examples, completion.
// The commands' request flags come from the spec through src/generated/operation-flags.ts.
import yargs, { type Argv } from "yargs";
import { completeWord, knownFlags, withSuggestion } from "./command-line-help.ts";
import { downloadLogsCommand } from "./commands/download-logs.ts";
import { searchLogsCommand } from "./commands/search-logs.ts";
import { askedErrorForm, type ErrorForm, formatFailure } from "./error-form.ts";
import { ExitCode } from "./exit-codes.ts";
import type { Failure } from "./failure.ts";
import { API_KEY_ENVIRONMENT } from "./generated/connection-names.ts";
import { withGlobalFlags } from "./global-flags.ts";
import { HELP_WIDTH } from "./pre-rendered-help.ts";
import { terminalColumns } from "./terminal-columns.ts";
import { cliVersion } from "./version.ts";

const EXIT_CODES_HELP = `Exit codes: 0 success; 2 usage or validation error (nothing was sent); 3 the service answered an error; 4 network failure or timeout; 5 the export started but its answer could not be written where asked (standard error says where it was kept); 130 interrupted (Ctrl-C; 143 SIGTERM, 129 SIGHUP); 1 anything else.`;

const CONFIG_LESS_AUTH_HELP = `Without a config file (CI, as the OCI CLI): ${API_KEY_ENVIRONMENT.user}, ${API_KEY_ENVIRONMENT.tenancy}, ${API_KEY_ENVIRONMENT.fingerprint}, and ${API_KEY_ENVIRONMENT.keyFile} or ${API_KEY_ENVIRONMENT.keyContent} (${API_KEY_ENVIRONMENT.passphrase} for an encrypted key) sign with that API key.`;

const HELP_FLAGS: ReadonlySet<string> = new Set(["--help", "-h"]);

/** The command that prints the shell completion script. */
export const COMPLETION_COMMAND = "completion";

export async function main(args: readonly string[]): Promise<number> {
  let failure: Failure | undefined;
  const setOutcome = (outcome: Failure | undefined) => {
    failure = outcome;
  };
  // Read before yargs validates the command line, so that a command line it rejects is reported in that form too.
  let errorForm: ErrorForm = "words";
  const program = withGlobalFlags(yargs([...args]))
    .middleware((flags) => {
      errorForm = askedErrorForm(flags, program);
    }, true)
    .scriptName("aidp")
    .usage("$0 <command> <subcommand> [flags]\n\nThe command line of the Oracle Cloud AI Data Platform API.")
    .command("audit", "Audit logs of an AI Data Platform instance", (audit) =>
      audit.command(searchLogsCommand(setOutcome)).demandCommand(1, "Give a subcommand: search-logs"),
    )
    .command("cluster", "Clusters of an AI Data Platform workspace", (cluster) =>
      cluster.command(downloadLogsCommand(setOutcome)).demandCommand(1, "Give a subcommand: download-logs"),
    )
    .completion(
      COMPLETION_COMMAND,
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
    .wrap(Math.min(HELP_WIDTH, terminalColumns() ?? HELP_WIDTH))
    .epilogue(`${CONFIG_LESS_AUTH_HELP}\n\n${EXIT_CODES_HELP}`)
    .exitProcess(false)
    .fail((message, error) => {
      // yargs hands its parser's complaints (a flag without its value) as a YError: a rejected command line too,
      // exit 2 like the others. Any other error is the command's own.
      if (error !== undefined && error !== null && error.name !== "YError") throw error;
      throw new CommandLineError(withSuggestion(message ?? error?.message ?? "", knownFlags(program)));
    });
  // Bare `aidp` shows the help, as the OCI CLI does: a question, not a mistake.
  if (args.length === 0) {
    program.showHelp((text) => process.stdout.write(`${text}\n`));
    return ExitCode.ok;
  }
  // yargs prints the script before its strict check refuses what follows: `aidp completion --bogus >> ~/.bashrc`
  // would append it and still exit 2. Refused first, nothing printed.
  const completionExtras =
    args[0] === COMPLETION_COMMAND ? args.slice(1).filter((arg) => !HELP_FLAGS.has(arg)) : [];
  if (completionExtras.length > 0) {
    process.stderr.write(
      formatFailure(
        {
          exitCode: ExitCode.usage,
          kind: "usage",
          lines: [
            `aidp: ${COMPLETION_COMMAND} takes no arguments, got ${completionExtras.join(" ")}`,
            `Run \`aidp ${COMPLETION_COMMAND} >> ~/.bashrc\` (or ~/.zshrc).`,
          ],
        },
        "words",
      ),
    );
    return ExitCode.usage;
  }
  // yargs would show every flag read as text as [string]; each description says what it takes instead.
  (program as WithUsageConfiguration<typeof program>).usageConfiguration({ "hide-types": true });
  // yargs renders a command's whole help before it runs the command, only to have it at hand for a later
  // showHelp(); this program never shows help once a command runs (its errors point to --help), and that
  // rendering was a tenth of a command's CPU time before its first request (bench section 7).
  (program as WithInternals<typeof program>).getInternalMethods().getUsageInstance().cacheHelpMessage =
    () => {};
  try {
    await program.parseAsync();
  } catch (error) {
    const rejected = error instanceof CommandLineError;
    failure = {
      exitCode: rejected ? ExitCode.usage : ExitCode.failure,
      kind: rejected ? "usage" : "other",
      lines: [
        `aidp: ${error instanceof Error ? error.message : String(error)}`,
        "Run `aidp --help` (or `aidp <command> <subcommand> --help`) for usage.",
      ],
    };
  }
  if (failure === undefined) return ExitCode.ok;
  process.stderr.write(formatFailure(failure, errorForm));
  return failure.exitCode;
}

/** yargs 18 has usageConfiguration(); @types/yargs 17 does not know it yet. */
type WithUsageConfiguration<Parser extends Argv<object>> = Parser & {
  usageConfiguration(config: { "hide-types": boolean }): Parser;
};

/** yargs 18's internal methods, as far as the help cache; not in @types/yargs. */
type WithInternals<Parser extends Argv<object>> = Parser & {
  getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } };
};

/** yargs rejected the command line (unknown flag, bad choice, missing command). */
class CommandLineError extends Error {
  override name = "CommandLineError";
}
