// Where requests go and how they are signed: the one place this package decides it, so that the workspace's
// credential resolver can replace it in one file. Until then: `--auth none`, an OCI config file profile
// (`api_key`, `security_token`), or the OCI CLI's config-less OCI_CLI_* variables.
import { type AidpClient, type AuthProvider, createAidpClient, DEFAULT_TIMEOUT_MS } from "@aidp/client";
import { McpUsageError } from "./errors.ts";
import { mcpVersion } from "./version.ts";

/** The connection flags, as given on the command line (undefined when absent). */
export interface ConnectionSettings {
  endpoint?: string;
  region?: string;
  auth?: string;
  profile?: string;
  configFile?: string;
  /** Seconds each attempt may take before it is aborted. */
  timeout?: string;
}

/** The `--auth` values of the `aidp` command line; the workload identities need the credential resolver. */
export const AUTH_TYPES = [
  "api_key",
  "security_token",
  "instance_principal",
  "resource_principal",
  "oke_workload_identity",
  "none",
] as const;
const SUPPORTED_HERE = new Set<string>(["api_key", "security_token", "none"]);

/** A flag's value, else its OCI CLI environment variable. */
const ENVIRONMENT: Record<Exclude<keyof ConnectionSettings, "timeout">, string> = {
  endpoint: "OCI_CLI_ENDPOINT",
  region: "OCI_CLI_REGION",
  auth: "OCI_CLI_AUTH",
  profile: "OCI_CLI_PROFILE",
  configFile: "OCI_CLI_CONFIG_FILE",
};
const CONFIG_LESS = {
  user: "OCI_CLI_USER",
  tenancy: "OCI_CLI_TENANCY",
  fingerprint: "OCI_CLI_FINGERPRINT",
  keyFile: "OCI_CLI_KEY_FILE",
  keyContent: "OCI_CLI_KEY_CONTENT",
  passphrase: "OCI_CLI_PASSPHRASE",
} as const;

/** The API client for these settings. Reads key files and the config file; throws McpUsageError naming the flag. */
export async function connectClient(
  settings: ConnectionSettings,
  environment: NodeJS.ProcessEnv,
): Promise<AidpClient> {
  const pick = (name: keyof typeof ENVIRONMENT) =>
    settings[name] ?? (environment[ENVIRONMENT[name]] || undefined);
  const authType = pick("auth");
  if (authType !== undefined && !(AUTH_TYPES as readonly string[]).includes(authType))
    throw new McpUsageError(`--auth must be one of ${AUTH_TYPES.join(", ")}, got "${authType}"`);
  if (authType !== undefined && !SUPPORTED_HERE.has(authType))
    throw new McpUsageError(
      `--auth ${authType} is not available in this version of aidp-mcp yet; use api_key, security_token or none`,
    );
  const endpoint = pick("endpoint");
  if (endpoint !== undefined && !/^https?:\/\/[^/]/i.test(endpoint))
    throw new McpUsageError(
      `--endpoint must be a URL with its scheme (http:// or https://), got "${endpoint}"`,
    );
  const auth = authType === "none" ? undefined : await signingAuth(pick, authType, environment);
  const region = pick("region");
  if (!endpoint && !region && !auth?.region)
    throw new McpUsageError(
      "no endpoint: give --endpoint or --region (or OCI_CLI_ENDPOINT, OCI_CLI_REGION, or a region in the profile)",
    );
  return createAidpClient({
    baseUrl: endpoint,
    region,
    auth,
    userAgent: `aidp-mcp/${mcpVersion}`,
    timeoutMs: secondsOf("--timeout", settings.timeout) ?? DEFAULT_TIMEOUT_MS,
  });
}

async function signingAuth(
  pick: (name: keyof typeof ENVIRONMENT) => string | undefined,
  authType: string | undefined,
  environment: NodeJS.ProcessEnv,
): Promise<AuthProvider> {
  const { apiKeyAuth, configFileAuth } = await import("@aidp/client/node");
  const variable = (name: keyof typeof CONFIG_LESS) => environment[CONFIG_LESS[name]] || undefined;
  const configLess = (["user", "tenancy", "fingerprint", "keyFile", "keyContent"] as const).some(variable);
  if (configLess && authType !== "security_token") {
    const missing = (["user", "tenancy", "fingerprint"] as const).filter((name) => !variable(name));
    const privateKey =
      variable("keyContent")?.replaceAll("\\n", "\n") ?? (await keyFileText(variable("keyFile")));
    if (missing.length > 0 || privateKey === undefined)
      throw new McpUsageError(
        `config-less auth needs ${CONFIG_LESS.user}, ${CONFIG_LESS.tenancy}, ${CONFIG_LESS.fingerprint} and ${CONFIG_LESS.keyFile} (or ${CONFIG_LESS.keyContent}); missing: ${[...missing.map((name) => CONFIG_LESS[name]), ...(privateKey === undefined ? [CONFIG_LESS.keyFile] : [])].join(", ")}`,
      );
    return apiKeyAuth({
      user: variable("user") as string,
      tenancy: variable("tenancy") as string,
      fingerprint: variable("fingerprint") as string,
      privateKey,
      passphrase: variable("passphrase"),
      region: pick("region"),
    });
  }
  return configFileAuth({
    path: pick("configFile"),
    profile: pick("profile"),
    authType: authType as "api_key" | "security_token" | undefined,
  });
}

async function keyFileText(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  const { readFile } = await import("node:fs/promises");
  const { homedir } = await import("node:os");
  try {
    return await readFile(path.replace(/^~(?=$|\/)/, homedir()), "utf8");
  } catch (error) {
    throw new McpUsageError(
      `${CONFIG_LESS.keyFile}: cannot read the key file (${(error as NodeJS.ErrnoException).code ?? "read error"})`,
    );
  }
}

/** A flag's number of seconds in milliseconds; undefined when the flag is absent. */
export function secondsOf(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0)
    throw new McpUsageError(`${flag} must be a number of seconds greater than 0, got "${value}"`);
  return seconds * 1000;
}
