// The global flags (output, connection), before any command. GlobalFlags is their type as yargs infers it from
// these definitions: what each command's action takes is checked against it (commands/operation-command.ts).
import type { Argv } from "yargs";
import { DEFAULT_TIMEOUT_SECONDS } from "./connection.ts";
import { AUTH_TYPES, CONNECTION_ENVIRONMENT } from "./generated/connection-names.ts";
import { OUTPUT_FORMATS, type OutputFormat } from "./output/record-format.ts";

/** The global flags' values as yargs parses them (before camelCase names are added). */
export type GlobalFlags = ParsedBy<ReturnType<typeof withGlobalFlags<object>>>;
type ParsedBy<Parser> = Parser extends Argv<infer Flags> ? Flags : never;

/**
 * The global flags that take one of a list of values, by name and alias. Tab completion offers them from a table
 * generated from this one (scripts/generate-global-choices.ts), so that a Tab loads neither yargs nor the client.
 */
export const GLOBAL_FLAG_CHOICES = { output: OUTPUT_FORMATS, o: OUTPUT_FORMATS, auth: AUTH_TYPES } as const;

/**
 * A choice in any case, as the API's enum values are (`-o CSV`, `--auth NONE`): the choices are lower case. A value
 * that is no choice in any case is left as typed, for yargs to quote in its refusal.
 */
const anyCaseOf =
  <Choice extends string>(choices: readonly Choice[]) =>
  (value: unknown): Choice => {
    const lower = typeof value === "string" ? value.toLowerCase() : value;
    // Typed as a choice: yargs checks it against the choices after this.
    return (choices.includes(lower as Choice) ? lower : value) as Choice;
  };

/** Typed as a format, so that the parsed --output is one (a bare "json" would be inferred as any string). */
const DEFAULT_OUTPUT: OutputFormat = "json";

export function withGlobalFlags<Flags>(program: Argv<Flags>) {
  const connection = "Connection:";
  const output = "Output:";
  return program
    .option("output", {
      alias: "o",
      choices: GLOBAL_FLAG_CHOICES.output,
      coerce: anyCaseOf(GLOBAL_FLAG_CHOICES.output),
      default: DEFAULT_OUTPUT,
      description: "json (one document), ndjson (one record a line), csv (RFC 4180) or table [default json]",
      group: output,
      // Without it, a trailing `-o` took the default quietly.
      requiresArg: true,
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
      description: `OCI region, e.g. us-ashburn-1 or its short code iad; the endpoint's domain is its realm's [env ${CONNECTION_ENVIRONMENT.region}, default: the profile's]`,
      group: connection,
    })
    .option("endpoint", {
      type: "string",
      description: `Base URL of the service; wins over --region [env ${CONNECTION_ENVIRONMENT.endpoint}]`,
      group: connection,
    })
    .option("auth", {
      choices: GLOBAL_FLAG_CHOICES.auth,
      coerce: anyCaseOf(GLOBAL_FLAG_CHOICES.auth),
      description: `How to sign requests: api_key, security_token, instance_principal (code on an OCI instance), resource_principal (OCI Functions and other OCI services), oke_workload_identity (a pod on OKE), or none to send them unsigned (the mock) [env ${CONNECTION_ENVIRONMENT.auth}, default: the OCI_CLI_USER... variables when set, else security_token if the profile has a security_token_file, else api_key]`,
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
        "Seconds a whole attempt (connection, answer and body) may take before it is aborted (and retried) [default: no limit; the two timeouts above bound each wait]",
      group: connection,
    })
    .option("max-retries", {
      type: "string",
      description:
        "A whole number: retries after a failed attempt (429, 500, 502, 503, 504, a 409 IncorrectState, network)",
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
        "The opc-request-id header of the request, to find it in the service's logs (otherwise a fresh one per request, each page of --all its own; retries keep it)",
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
