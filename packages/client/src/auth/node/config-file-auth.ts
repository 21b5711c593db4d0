// Credentials from the OCI config file (~/.oci/config), the way the OCI CLI and SDKs read it: a named profile
// whose missing values fall back to [DEFAULT]; API key (user, fingerprint, tenancy, key_file, pass_phrase) or
// session token (security_token_file, key_file) auth; `region` for the endpoint.

import { createApiKeyAuth } from "../api-key-auth.js";
import { AidpAuthError, type AuthErrorSource } from "../auth-error.js";
import type { DateHeader } from "../request-signer.js";
import { createSessionTokenAuth } from "../session-token-auth.js";
import type { AuthProvider } from "../types.js";
import { resolveHomePath } from "./home-path.js";
import { type IniProfile, type IniValue, parseIniProfiles } from "./ini-profiles.js";
import { nodePrivateKeyLoader } from "./private-key-file.js";
import { readTextFile } from "./read-text-file.js";
import { sessionTokenFromFile } from "./session-token-file.js";

export const DEFAULT_CONFIG_FILE = "~/.oci/config";
export const DEFAULT_PROFILE = "DEFAULT";

export interface ConfigFileAuthOptions {
  /** Default `~/.oci/config`. */
  path?: string;
  /** Default `DEFAULT`. */
  profile?: string;
  /** `x-date` instead of `date` for the signed time. Default `date`. */
  dateHeader?: DateHeader;
  /**
   * Which credentials of the profile to sign with, as the OCI CLI's `--auth`: `api_key` ignores a
   * `security_token_file`, `security_token` requires one. Default: the session token when the profile has one.
   */
  authType?: "api_key" | "security_token";
}

/** Reads the config file and the key now: any problem is an AidpAuthError naming the file, line and key. */
export function configFileAuth(options: ConfigFileAuthOptions = {}): AuthProvider {
  const file = resolveHomePath(options.path ?? DEFAULT_CONFIG_FILE);
  const profileName = options.profile ?? DEFAULT_PROFILE;
  const profiles = parseIniProfiles(readTextFile(file, "the OCI config file", { file }), file);
  const profile = profiles.get(profileName);
  if (!profile) {
    const known = [...profiles.keys()].map((name) => `[${name}]`).join(", ") || "none";
    throw new AidpAuthError(`no profile [${profileName}] in the OCI config file; it has: ${known}`, {
      file,
      profile: profileName,
    });
  }
  const settings = new ProfileSettings(file, profile, profiles.get(DEFAULT_PROFILE));

  const keyFile = settings.required("key_file");
  const keyPath = resolveHomePath(keyFile.value);
  const passphrase = settings.optional("pass_phrase");
  const keySource = settings.source(passphrase ? "pass_phrase" : "key_file", passphrase ?? keyFile);
  const loadKey = nodePrivateKeyLoader(keySource, `the private key ${keyPath}`);
  const common = {
    privateKey: readTextFile(keyPath, "the private key file", settings.source("key_file", keyFile)),
    passphrase: passphrase?.value,
    region: settings.optional("region")?.value,
    dateHeader: options.dateHeader,
  };

  const tokenFile =
    options.authType === "api_key"
      ? undefined
      : options.authType === "security_token"
        ? settings.required("security_token_file")
        : settings.optional("security_token_file");
  if (tokenFile) {
    const token = sessionTokenFromFile(
      resolveHomePath(tokenFile.value),
      settings.source("security_token_file", tokenFile),
    );
    return createSessionTokenAuth({ ...common, token }, loadKey);
  }
  const required = (key: string) => settings.required(key).value;
  return createApiKeyAuth(
    { ...common, tenancy: required("tenancy"), user: required("user"), fingerprint: required("fingerprint") },
    loadKey,
  );
}

/** Values of one profile with [DEFAULT] as fallback, remembering where each came from. */
class ProfileSettings {
  constructor(
    private readonly file: string,
    private readonly profile: IniProfile,
    private readonly fallback: IniProfile | undefined,
  ) {}

  optional(key: string): IniValue | undefined {
    const found = this.profile.values.get(key) ?? this.fallback?.values.get(key);
    if (found && found.value === "") throw new AidpAuthError(`\`${key}\` is empty`, this.source(key, found));
    return found;
  }

  required(key: string): IniValue {
    const found = this.optional(key);
    if (!found) {
      throw new AidpAuthError(`required key \`${key}\` is missing`, {
        file: this.file,
        line: this.profile.line,
        profile: this.profile.name,
        key,
      });
    }
    return found;
  }

  /** Where a value was read: its line, and the profile it came from ([DEFAULT] when it was the fallback). */
  source(key: string, value: IniValue): AuthErrorSource {
    const inProfile = this.profile.values.get(key) === value;
    const profile = inProfile || !this.fallback ? this.profile.name : this.fallback.name;
    return { file: this.file, line: value.line, profile, key };
  }
}
