// The gateway's part of the `aidp-mock` command line: its flags, their help, their translation into
// startMock's options (credentials the way the OCI CLI and `aidp` find them: resolveAuth of @aidp/client/node, so a
// flag, else its OCI_CLI_* variable, else the config-less OCI_CLI_USER... variables, else the config file's
// profile), and what happens at exit (the summary, `--fail-on-drift`'s exit code).
import { AUTH_TYPES, type ResolveAuthOptions, resolveAuth, resolveAuthType } from "@aidp/client/node";
import type { RunningMock } from "../start-mock.ts";
import { hasDrift, summarizeDriftReport } from "./drift-report.ts";
import type { GatewayOptions } from "./gateway-options.ts";

export const GATEWAY_FLAGS = {
  upstream: { type: "string" },
  "upstream-region": { type: "string" },
  "upstream-timeout": { type: "string" },
  profile: { type: "string" },
  "config-file": { type: "string" },
  auth: { type: "string" },
  report: { type: "string" },
  record: { type: "string" },
  strict: { type: "boolean", default: false },
  "fail-on-drift": { type: "boolean", default: false },
} as const;

export const GATEWAY_USAGE = `Gateway mode (check the live service against the spec):
  --upstream URL            forward every request, signed, to this service URL and check both ways
  --upstream-region REGION  the same, to the spec's regional endpoint of REGION in its realm (e.g. eu-frankfurt-2)
  --upstream-timeout S      seconds an upstream exchange may take (default 60)
  --profile NAME            OCI config profile to sign with (env OCI_CLI_PROFILE; default DEFAULT)
  --config-file FILE        OCI config file (env OCI_CLI_CONFIG_FILE; default ~/.oci/config)
  --auth TYPE               ${AUTH_TYPES.join(", ")}
                            (env OCI_CLI_AUTH; default: OCI_CLI_USER... variables if set, else the profile)
  --report FILE             write the JSON drift report to FILE on exit (live: GET /_aidp-mock/drift-report)
  --fail-on-drift           exit 1 when the report has a violation or an upstream failure
  --strict                  answer an upstream answer that breaks the spec with 502 and the violations
  --record FILE             append the records of every search answer to FILE (NDJSON for --records-file)`;

interface GatewayFlagValues {
  upstream?: string | undefined;
  "upstream-region"?: string | undefined;
  "upstream-timeout"?: string | undefined;
  profile?: string | undefined;
  "config-file"?: string | undefined;
  auth?: string | undefined;
  report?: string | undefined;
  record?: string | undefined;
  strict?: boolean | undefined;
  "fail-on-drift"?: boolean | undefined;
}

/**
 * startMock's gateway options from the flags, but `auth` (read the files only once the options are known to
 * go together: {@link gatewayAuthFromFlags}); bad values are TypeErrors naming the flag.
 */
export function gatewayOptionsFromFlags(
  values: GatewayFlagValues,
  environment: NodeJS.ProcessEnv,
): GatewayOptions {
  const gateway = values.upstream !== undefined || values["upstream-region"] !== undefined;
  if (!gateway) {
    const gatewayOnly = Object.keys(GATEWAY_FLAGS).filter((name) => !name.startsWith("upstream"));
    const used = [...gatewayOnly, "upstream-timeout"].find((name) => {
      const value = values[name as keyof GatewayFlagValues];
      return value !== undefined && value !== false;
    });
    if (used) throw new TypeError(`--${used} needs a gateway (--upstream or --upstream-region)`);
    return {};
  }
  resolveAuthType(authSettings(values, environment)); // its errors come with the others, before any file is read
  let upstreamTimeoutMs: number | undefined;
  const timeout = values["upstream-timeout"];
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!/^\d+(\.\d+)?$/.test(timeout) || seconds <= 0) {
      throw new TypeError(`--upstream-timeout must be a number of seconds greater than 0, got ${timeout}`);
    }
    upstreamTimeoutMs = seconds * 1000;
  }
  const options: GatewayOptions = {
    upstream: values.upstream,
    upstreamRegion: values["upstream-region"],
    upstreamTimeoutMs,
    report: values.report,
    record: values.record,
    strict: values.strict,
  };
  for (const key of Object.keys(options) as (keyof GatewayOptions)[]) {
    if (options[key] === undefined) delete options[key];
  }
  return options;
}

/** The credential flags as resolveAuth takes them, named as on this command line in its messages. */
function authSettings(values: GatewayFlagValues, environment: NodeJS.ProcessEnv): ResolveAuthOptions {
  return {
    auth: values.auth,
    profile: values.profile,
    configFile: values["config-file"],
    env: environment,
    settingNames: { auth: "--auth", profile: "--profile", configFile: "--config-file" },
    missingConfigFileHint: "Or forward requests unsigned with --auth none.",
  };
}

/**
 * The gateway's credentials from `--auth`, `--profile`, `--config-file`, their OCI_CLI_* variables or the
 * config-less ones, read now: a missing profile or key file stops the start with the file, line and key.
 */
export async function gatewayAuthFromFlags(
  values: GatewayFlagValues,
  environment: NodeJS.ProcessEnv,
): Promise<GatewayOptions["auth"]> {
  return resolveAuth(authSettings(values, environment)).provider ?? "none";
}

/**
 * After the gateway stopped: the summary on standard error, and the exit code (1 with `--fail-on-drift`
 * and anything in the report). 0 for the other modes.
 */
export function gatewayExitCode(mock: RunningMock, failOnDrift: boolean): number {
  const report = mock.driftReport?.();
  if (!report) return 0;
  console.error(summarizeDriftReport(report));
  if (failOnDrift && hasDrift(report)) {
    console.error("--fail-on-drift: exit code 1");
    return 1;
  }
  return 0;
}
