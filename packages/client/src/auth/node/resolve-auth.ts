// The one way credentials are chosen from settings, as the OCI CLI chooses them: `auth` (else OCI_CLI_AUTH) names
// the kind; without one, the config-less OCI_CLI_USER/TENANCY/FINGERPRINT/KEY_FILE or KEY_CONTENT variables when
// set, else the OCI config file's profile (OCI_CLI_CONFIG_FILE, OCI_CLI_PROFILE). The CLI and the gateway use it.
import { existsSync } from "node:fs";
import { createApiKeyAuth } from "../api-key-auth.js";
import { AidpAuthError } from "../auth-error.js";
import type { AuthProvider } from "../types.js";
import { configFileAuth, DEFAULT_CONFIG_FILE, DEFAULT_PROFILE } from "./config-file-auth.js";
import { resolveHomePath } from "./home-path.js";
import { instancePrincipalAuth } from "./instance-principal-auth.js";
import { okeWorkloadIdentityAuth } from "./oke-workload-identity-auth.js";
import { nodePrivateKeyLoader } from "./private-key-file.js";
import { readTextFile } from "./read-text-file.js";
import { resourcePrincipalAuth } from "./resource-principal-auth.js";

/** The OCI CLI's `--auth` values. */
export const AUTH_TYPES = [
  "api_key",
  "security_token",
  "instance_principal",
  "resource_principal",
  "oke_workload_identity",
  "none",
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** The variables read when a setting is not given, as the OCI CLI reads them. */
export const AUTH_ENVIRONMENT = {
  auth: "OCI_CLI_AUTH",
  profile: "OCI_CLI_PROFILE",
  configFile: "OCI_CLI_CONFIG_FILE",
  region: "OCI_CLI_REGION",
} as const;

/** The OCI CLI's config-less API key auth (for CI): these variables instead of a config file. */
export const API_KEY_ENVIRONMENT = {
  user: "OCI_CLI_USER",
  tenancy: "OCI_CLI_TENANCY",
  fingerprint: "OCI_CLI_FINGERPRINT",
  keyFile: "OCI_CLI_KEY_FILE",
  keyContent: "OCI_CLI_KEY_CONTENT",
  passphrase: "OCI_CLI_PASSPHRASE",
} as const;

type Setting = keyof typeof AUTH_ENVIRONMENT;

export interface ResolveAuthOptions {
  /** One of {@link AUTH_TYPES}; default OCI_CLI_AUTH, else config-less variables or the config file decide. */
  auth?: string | undefined;
  /** Profile of the config file; default OCI_CLI_PROFILE, else DEFAULT. */
  profile?: string | undefined;
  /** The config file; default OCI_CLI_CONFIG_FILE, else ~/.oci/config. */
  configFile?: string | undefined;
  /** The region config-less API key auth signs for; default OCI_CLI_REGION. */
  region?: string | undefined;
  /** The variables to read; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** What the caller calls each setting in its messages, e.g. `{ auth: "--auth" }`; default the option's name. */
  settingNames?: Partial<Record<Setting, string>>;
  /** Added to the message when there is no config file, e.g. how to do without one. */
  missingConfigFileHint?: string;
}

export interface ResolvedAuth {
  /** The kind chosen; undefined when the config file's profile decides between api_key and security_token. */
  authType: AuthType | undefined;
  /** Undefined for `none`: requests go unsigned. */
  provider: AuthProvider | undefined;
  /** Where the credentials come from, for a debug line (never a secret). */
  source: string;
}

/** An empty flag or option, said as one (an empty variable is not set). */
export const emptySetting = (name: string) =>
  `${name} is empty: give a value, or leave it out for the default`;

/** Settings with their variables filled in, and where each value came from. */
class AuthSettings {
  readonly env: Record<string, string | undefined>;
  constructor(private readonly options: ResolveAuthOptions) {
    this.env = options.env ?? process.env;
  }
  /**
   * The setting's value, read when it is needed (a setting these credentials do not use is not looked at). An empty
   * variable is not set, as for the OCI CLI; an empty flag or option is a mistake, said as one: `--config-file ""`
   * would read the current folder, `--profile ""` look for a profile [], `--region ""` quietly use the profile's.
   */
  value(setting: Setting): string | undefined {
    const given = this.options[setting];
    if (given === "") throw new AidpAuthError(emptySetting(this.nameOf(setting)));
    return given ?? (this.env[AUTH_ENVIRONMENT[setting]] || undefined);
  }
  /** The flag or option name when it was given, else the variable's. */
  nameOf(setting: Setting): string {
    return this.options[setting] !== undefined
      ? (this.options.settingNames?.[setting] ?? setting)
      : AUTH_ENVIRONMENT[setting];
  }
}

/**
 * The auth type of these settings, checked (an AidpAuthError naming the flag or variable): call it to report a bad
 * value before anything else is read.
 */
export function resolveAuthType(options: ResolveAuthOptions = {}): AuthType | undefined {
  const settings = new AuthSettings(options);
  const given = settings.value("auth");
  // In any case (OCI_CLI_AUTH=API_KEY), as the command line's enum values are.
  const authType = given?.toLowerCase();
  if (authType !== undefined && !(AUTH_TYPES as readonly string[]).includes(authType))
    throw new AidpAuthError(
      `${settings.nameOf("auth")} must be one of ${AUTH_TYPES.join(", ")}, got ${JSON.stringify(given)}`,
    );
  return authType as AuthType | undefined;
}

/** The credentials these settings name, read now: any problem is an AidpAuthError naming the setting or file. */
export function resolveAuth(options: ResolveAuthOptions = {}): ResolvedAuth {
  const authType = resolveAuthType(options);
  const settings = new AuthSettings(options);
  switch (authType) {
    case "none":
      return { authType, provider: undefined, source: "none (unsigned requests)" };
    // The workload identities read their own variables (OCI_METADATA_BASE_URL, OCI_RESOURCE_PRINCIPAL_*, ...):
    // from the same `env` as the settings.
    case "instance_principal":
      return {
        authType,
        provider: instancePrincipalAuth({ env: settings.env }),
        source: "instance principal",
      };
    case "resource_principal":
      return {
        authType,
        provider: resourcePrincipalAuth({ env: settings.env }),
        source: "resource principal",
      };
    case "oke_workload_identity":
      return {
        authType,
        provider: okeWorkloadIdentityAuth({ env: settings.env }),
        source: "OKE workload identity",
      };
  }
  if (authType !== "security_token" && configLessVariablesGiven(settings.env))
    return {
      authType: "api_key",
      provider: configLessApiKeyAuth(settings.env, settings.value("region")),
      source: `config-less API key (${API_KEY_ENVIRONMENT.user}, ...)`,
    };
  const path = settings.value("configFile");
  const profile = settings.value("profile") ?? DEFAULT_PROFILE; // read (and checked) before the file is looked for
  const file = resolveHomePath(path ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    const hint = options.missingConfigFileHint ? ` ${options.missingConfigFileHint}` : "";
    throw new AidpAuthError(
      `no OCI config file at ${file}${path === undefined ? " (the default)" : ""}. Create one with \`oci setup config\` (the OCI CLI), name yours with ${options.settingNames?.configFile ?? "configFile"} or ${AUTH_ENVIRONMENT.configFile}, or set ${API_KEY_ENVIRONMENT.user}, ${API_KEY_ENVIRONMENT.tenancy}, ${API_KEY_ENVIRONMENT.fingerprint} and ${API_KEY_ENVIRONMENT.keyFile}.${hint}`,
    );
  }
  return {
    authType,
    provider: configFileAuth({ path: file, profile, authType }),
    source: `profile ${profile} of ${file}`,
  };
}

const CONFIG_LESS_TRIGGERS = ["user", "tenancy", "fingerprint", "keyFile", "keyContent"] as const;

function configLessVariablesGiven(env: Record<string, string | undefined>): boolean {
  return CONFIG_LESS_TRIGGERS.some((name) => env[API_KEY_ENVIRONMENT[name]]);
}

/** API key auth from OCI_CLI_USER, _TENANCY, _FINGERPRINT, _KEY_CONTENT or _KEY_FILE, and _PASSPHRASE. */
function configLessApiKeyAuth(
  env: Record<string, string | undefined>,
  region: string | undefined,
): AuthProvider {
  const variable = (name: keyof typeof API_KEY_ENVIRONMENT) => env[API_KEY_ENVIRONMENT[name]] || undefined;
  const missing: string[] = (["user", "tenancy", "fingerprint"] as const)
    .filter((name) => !variable(name))
    .map((name) => API_KEY_ENVIRONMENT[name]);
  if (!variable("keyFile") && !variable("keyContent")) missing.push(API_KEY_ENVIRONMENT.keyFile);
  if (missing.length > 0)
    throw new AidpAuthError(
      `config-less auth needs ${API_KEY_ENVIRONMENT.user}, ${API_KEY_ENVIRONMENT.tenancy}, ${API_KEY_ENVIRONMENT.fingerprint} and ${API_KEY_ENVIRONMENT.keyFile} (or ${API_KEY_ENVIRONMENT.keyContent}); missing: ${missing.join(", ")}`,
    );
  const content = variable("keyContent");
  const keyFile = content === undefined ? resolveHomePath(variable("keyFile") as string) : undefined;
  const keySource = {
    key: keyFile === undefined ? API_KEY_ENVIRONMENT.keyContent : API_KEY_ENVIRONMENT.keyFile,
  };
  const privateKey =
    keyFile === undefined
      ? pemFromVariable(content as string)
      : readTextFile(keyFile, "the private key file", keySource);
  return createApiKeyAuth(
    {
      user: variable("user") as string,
      tenancy: variable("tenancy") as string,
      fingerprint: variable("fingerprint") as string,
      privateKey,
      passphrase: variable("passphrase"),
      region,
    },
    nodePrivateKeyLoader(keySource, keyFile === undefined ? "the private key" : `the private key ${keyFile}`),
    API_KEY_ENVIRONMENT,
  );
}

/** OCI_CLI_KEY_CONTENT as a PEM: a CI secret often holds it in one line, its line breaks written as \n. */
function pemFromVariable(value: string): string {
  return value.includes("\n") ? value : value.replaceAll("\\n", "\n");
}
