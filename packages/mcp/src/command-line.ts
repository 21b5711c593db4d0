// The `aidp-mcp` command line: the connection flags of the `aidp` command line, which tools to offer, and the
// transport. Unknown flags are errors (a typo must not silently serve with other settings).
import { parseArgs } from "node:util";
import { AUTH_TYPES, type ConnectionSettings, durationOf } from "./connection.ts";
import { McpUsageError } from "./errors.ts";

/** A log handle's lifetime is compared with the clock, not set as a timer: bounded by a year, not a timer's 24.8 days. */
const LOG_HANDLE_HOURS = { unit: "hours", most: { ms: 8_760 * 3_600_000, why: "a year" } } as const;

export interface CommandLine {
  connection: ConnectionSettings;
  instanceId?: string;
  readOnly: boolean;
  tools?: string[];
  transport: "stdio" | "http";
  port: number;
  logHandleTtlMs: number;
  help: boolean;
  version: boolean;
}

const DEFAULT_LOG_HANDLE_HOURS = 24;
const INSTANCE_ID_ENVIRONMENT = "AIDP_INSTANCE_ID";

export const USAGE = `Usage: aidp-mcp [options]

A Model Context Protocol server for the Oracle Cloud AI Data Platform API. Tools: search_audit_logs,
download_cluster_logs, read_cluster_log. Serves MCP on standard input and output unless --transport http.

Connection (as the aidp command line; each also read from its OCI_CLI_* variable):
  --endpoint URL          the API's base URL (OCI_CLI_ENDPOINT), e.g. http://127.0.0.1:4010 for the mock
  --region REGION         the region, when there is no --endpoint (OCI_CLI_REGION)
  --auth TYPE             ${AUTH_TYPES.join(" | ")} (OCI_CLI_AUTH)
  --profile NAME          the OCI config file's profile (OCI_CLI_PROFILE), default DEFAULT
  --config-file PATH      the OCI config file (OCI_CLI_CONFIG_FILE), default ~/.oci/config
  --timeout SECONDS       each attempt's timeout, default 60
  --instance-id OCID      the AI Data Platform instance (${INSTANCE_ID_ENVIRONMENT}); then no tool asks for it
  Config-less API key: OCI_CLI_USER, OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT, OCI_CLI_KEY_FILE or OCI_CLI_KEY_CONTENT.
  Inside OCI, no key: --auth instance_principal (no --region needed), resource_principal, oke_workload_identity.

Tools:
  --read-only             offer only the tools that change nothing (search_audit_logs)
  --tools NAME,NAME       offer only these tools
  --log-handle-hours N    how long a logHandle (and the log URL behind it) is kept, default ${DEFAULT_LOG_HANDLE_HOURS}

Transport:
  --transport stdio|http  default stdio
  --port N                with --transport http: the port on 127.0.0.1 (0 picks a free one; the URL is printed)
  --help, --version
`;

export function parseCommandLine(argv: readonly string[], environment: NodeJS.ProcessEnv): CommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: "string" },
        region: { type: "string" },
        auth: { type: "string" },
        profile: { type: "string" },
        "config-file": { type: "string" },
        timeout: { type: "string" },
        "instance-id": { type: "string" },
        "read-only": { type: "boolean" },
        tools: { type: "string" },
        "log-handle-hours": { type: "string" },
        transport: { type: "string" },
        port: { type: "string" },
        help: { type: "boolean" },
        version: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new McpUsageError(`${(error as Error).message}; see aidp-mcp --help`);
  }
  const text = (name: string) => values[name] as string | undefined;
  const transport = text("transport") ?? "stdio";
  if (transport !== "stdio" && transport !== "http")
    throw new McpUsageError(`--transport must be stdio or http, got "${transport}"`);
  const portText = text("port");
  if (portText !== undefined && transport !== "http")
    throw new McpUsageError("--port needs --transport http");
  const port = Number(portText ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new McpUsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  const logHandleTtlMs =
    durationOf("--log-handle-hours", text("log-handle-hours"), LOG_HANDLE_HOURS) ??
    DEFAULT_LOG_HANDLE_HOURS * 3_600_000;
  const tools = text("tools")
    ?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (tools !== undefined && tools.length === 0)
    throw new McpUsageError("--tools needs at least one tool name");
  return {
    connection: {
      endpoint: text("endpoint"),
      region: text("region"),
      auth: text("auth"),
      profile: text("profile"),
      configFile: text("config-file"),
      timeout: text("timeout"),
    },
    instanceId: text("instance-id") ?? (environment[INSTANCE_ID_ENVIRONMENT] || undefined),
    readOnly: values["read-only"] === true,
    tools,
    transport,
    port,
    logHandleTtlMs,
    help: values.help === true,
    version: values.version === true,
  };
}
