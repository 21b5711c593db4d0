// Where requests go and how they are signed, the way the OCI CLI decides it: a flag, else its OCI_CLI_*
// environment variable, else the profile of the OCI config file. `--auth none` sends unsigned requests (the mock).
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { AidpClientOptions, AuthProvider, Logger } from "@aidp/client";
import { UsageError } from "./exit-codes.ts";
import type { NetworkTimeouts } from "./network-failure.ts";
import { cliVersion } from "./version.ts";

export const AUTH_TYPES = ["api_key", "security_token", "none"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** The global flags that shape the connection, as yargs parsed them. */
export interface ConnectionFlags {
  profile?: string;
  configFile?: string;
  region?: string;
  endpoint?: string;
  auth?: string;
  timeout?: string;
  connectionTimeout?: string;
  readTimeout?: string;
  maxRetries?: string;
  retry?: boolean;
  debug?: boolean;
}

/** The OCI CLI's defaults, in seconds: a connection that does not open, or an answer that stops, fails. */
export const DEFAULT_TIMEOUT_SECONDS = { connection: 10, read: 60 } as const;

/** The environment variable read when a flag is not given, by flag. */
export const CONNECTION_ENVIRONMENT = {
  profile: "OCI_CLI_PROFILE",
  configFile: "OCI_CLI_CONFIG_FILE",
  region: "OCI_CLI_REGION",
  auth: "OCI_CLI_AUTH",
  endpoint: "OCI_CLI_ENDPOINT",
} as const;

export async function connectionOptions(
  flags: ConnectionFlags,
  environment: NodeJS.ProcessEnv,
  debugLine: (line: string) => void,
): Promise<AidpClientOptions> {
  const pick = (name: keyof typeof CONNECTION_ENVIRONMENT) =>
    flags[name] ?? (environment[CONNECTION_ENVIRONMENT[name]] || undefined);
  const authType = pick("auth");
  if (authType !== undefined && !(AUTH_TYPES as readonly string[]).includes(authType)) {
    const source = flags.auth !== undefined ? "--auth" : CONNECTION_ENVIRONMENT.auth;
    throw new UsageError(`${source} must be one of ${AUTH_TYPES.join(", ")}, got "${authType}"`);
  }
  const auth =
    authType === "none"
      ? undefined
      : await profileAuth(pick, authType as Exclude<AuthType, "none">, environment);
  const endpoint = pick("endpoint");
  if (endpoint !== undefined && !/^https?:\/\/[^/]/i.test(endpoint)) {
    const source = flags.endpoint !== undefined ? "--endpoint" : CONNECTION_ENVIRONMENT.endpoint;
    throw new UsageError(
      `${source} "${endpoint}" is not a URL: give it with its scheme, e.g. http://${endpoint.replace(/^\/+/, "")} or https://...`,
    );
  }
  const region = pick("region");
  if (!endpoint && !region && !auth?.region)
    throw new UsageError(
      "no endpoint: give --endpoint or --region (or OCI_CLI_ENDPOINT, OCI_CLI_REGION, or a region in the profile)",
    );
  const timeouts = networkTimeouts(flags);
  const options: AidpClientOptions = {
    baseUrl: endpoint,
    region,
    auth,
    // Loaded here, not at start-up: undici is the slowest module to load, and `--help` never sends anything.
    fetch: (await import("./network.ts")).timedFetch(timeouts),
    userAgent: `aidp-cli/${cliVersion}`,
    timeoutMs: secondsToMs("--timeout", flags.timeout),
    retry: retryOptions(flags),
    logger: flags.debug ? debugLogger(debugLine) : undefined,
  };
  if (flags.debug)
    debugLine(
      `endpoint ${endpoint ?? `region ${region ?? auth?.region}`}, auth ${authType ?? "from profile"}${auth ? `, profile ${pick("profile") ?? "DEFAULT"}` : ""}, connection timeout ${timeouts.connectionTimeoutMs / 1000} s, read timeout ${timeouts.readTimeoutMs / 1000} s`,
    );
  return options;
}

/** The OCI CLI's config-less API key auth (for CI): these variables instead of a config file. */
export const API_KEY_ENVIRONMENT = {
  user: "OCI_CLI_USER",
  tenancy: "OCI_CLI_TENANCY",
  fingerprint: "OCI_CLI_FINGERPRINT",
  keyFile: "OCI_CLI_KEY_FILE",
  keyContent: "OCI_CLI_KEY_CONTENT",
  passphrase: "OCI_CLI_PASSPHRASE",
} as const;

async function profileAuth(
  pick: (name: keyof typeof CONNECTION_ENVIRONMENT) => string | undefined,
  authType: Exclude<AuthType, "none"> | undefined,
  environment: NodeJS.ProcessEnv,
): Promise<AuthProvider> {
  // Loaded only when signing: node:crypto key parsing is not needed for `--auth none`.
  const { apiKeyAuth, configFileAuth } = await import("@aidp/client/node");
  const fromEnvironment = (name: keyof typeof API_KEY_ENVIRONMENT) =>
    environment[API_KEY_ENVIRONMENT[name]] || undefined;
  const configLess = (["user", "tenancy", "fingerprint", "keyFile", "keyContent"] as const).some(
    fromEnvironment,
  );
  if (configLess && authType !== "security_token") {
    const missing: (keyof typeof API_KEY_ENVIRONMENT)[] = (
      ["user", "tenancy", "fingerprint"] as const
    ).filter((name) => !fromEnvironment(name));
    if (!fromEnvironment("keyFile") && !fromEnvironment("keyContent")) missing.push("keyFile");
    if (missing.length > 0)
      throw new UsageError(
        `config-less auth needs ${API_KEY_ENVIRONMENT.user}, ${API_KEY_ENVIRONMENT.tenancy}, ${API_KEY_ENVIRONMENT.fingerprint} and ${API_KEY_ENVIRONMENT.keyFile} (or ${API_KEY_ENVIRONMENT.keyContent}); missing: ${missing.map((name) => API_KEY_ENVIRONMENT[name]).join(", ")}`,
      );
    return apiKeyAuth({
      user: fromEnvironment("user") as string,
      tenancy: fromEnvironment("tenancy") as string,
      fingerprint: fromEnvironment("fingerprint") as string,
      privateKey: privateKeyFromEnvironment(fromEnvironment("keyContent"), fromEnvironment("keyFile")),
      passphrase: fromEnvironment("passphrase"),
      region: pick("region"),
    });
  }
  const path = pick("configFile");
  const file = resolve(path ?? join(homedir(), ".oci", "config"));
  if (!existsSync(file))
    throw new UsageError(
      `no OCI config file at ${file}${path === undefined ? " (the default)" : ""}. Create one with \`oci setup config\` (the OCI CLI), or name yours with --config-file or ${CONNECTION_ENVIRONMENT.configFile}. Against the mock of this project: --auth none --endpoint http://127.0.0.1:4010`,
    );
  return configFileAuth({ path, profile: pick("profile"), authType });
}

/** OCI_CLI_KEY_CONTENT (a PEM, its line breaks possibly written as \n), else the file OCI_CLI_KEY_FILE names. */
function privateKeyFromEnvironment(content: string | undefined, file: string | undefined): string {
  if (content !== undefined) return content.includes("\n") ? content : content.replaceAll("\\n", "\n");
  const path = resolve((file as string).replace(/^~(?=$|\/)/, homedir()));
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `${API_KEY_ENVIRONMENT.keyFile}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "read error"})`,
    );
  }
}

/** The OCI CLI's timeouts, the defaults unless a flag says otherwise. */
function networkTimeouts(flags: ConnectionFlags): NetworkTimeouts {
  return {
    connectionTimeoutMs:
      secondsToMs("--connection-timeout", flags.connectionTimeout) ??
      DEFAULT_TIMEOUT_SECONDS.connection * 1000,
    readTimeoutMs: secondsToMs("--read-timeout", flags.readTimeout) ?? DEFAULT_TIMEOUT_SECONDS.read * 1000,
  };
}

export function secondsToMs(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(
      `${flag} must be a number of seconds greater than 0, e.g. 30 or 0.5, got "${value}"`,
    );
  return seconds * 1000;
}

function retryOptions(flags: ConnectionFlags): AidpClientOptions["retry"] {
  if (flags.retry === false && flags.maxRetries !== undefined)
    throw new UsageError("--no-retry and --max-retries contradict each other: give one of them");
  if (flags.retry === false) return false;
  if (flags.maxRetries === undefined) return undefined;
  const retries = Number(flags.maxRetries);
  if (!Number.isInteger(retries) || retries < 0)
    throw new UsageError(`--max-retries must be an integer of at least 0, got "${flags.maxRetries}"`);
  return { maxAttempts: retries + 1 };
}

/** One line per attempt on standard error. The client redacts secrets before its logger sees anything. */
function debugLogger(debugLine: (line: string) => void): Logger {
  const write = (message: string, fields?: Record<string, unknown>) => {
    const requestId = fields?.requestId ? ` opc-request-id ${String(fields.requestId)}` : "";
    debugLine(`${message}${requestId}`);
  };
  return { debug: write, info: write, warn: write, error: write };
}
