// The gateway's command line, `aidp-gateway` and `aidp-mock --upstream`: its flags, their help, their translation
// into startGateway's options (credentials the way the OCI CLI and `aidp` find them: resolveAuth of
// @aidp/client/node, so a flag, else its OCI_CLI_* variable, else the config-less OCI_CLI_USER... variables, else
// the config file's profile), and what happens at exit (the summary, `--fail-on-drift`'s exit code).
import { MAX_TIMER_MS } from "@aidp/client";
import { AUTH_TYPES, type ResolveAuthOptions, resolveAuth, resolveAuthType } from "@aidp/client/node";
import { millisecondsFlag, serverOptionsFromFlags, serveUntilSignal, withoutUnset } from "../command-line.ts";
import { hasDrift, summarizeDriftReport } from "./drift-report.ts";
import {
  type GatewayOptions,
  type UncheckedGatewayOptions,
  validateGatewayOptions,
} from "./gateway-options.ts";
import { DRIFT_REPORT_PATH } from "./gateway-server.ts";
import { type RunningGateway, startGateway } from "./start-gateway.ts";

export const GATEWAY_FLAGS = {
  upstream: { type: "string" },
  "upstream-region": { type: "string" },
  "upstream-timeout-ms": { type: "string" },
  "upstream-timeout": { type: "string" },
  profile: { type: "string" },
  "config-file": { type: "string" },
  auth: { type: "string" },
  report: { type: "string" },
  record: { type: "string" },
  strict: { type: "boolean", default: false },
  "fail-on-drift": { type: "boolean", default: false },
} as const;

export const GATEWAY_USAGE = `Gateway (check the live service against the spec):
  --upstream URL            forward every request, signed, to this service URL and check both ways
  --upstream-region REGION  the same, to the spec's regional endpoint of REGION in its realm (e.g. eu-frankfurt-2)
  --upstream-timeout-ms MS  how long an upstream exchange may take (default 60000; the older
                            --upstream-timeout S, in seconds, is still read)
  --profile NAME            OCI config profile to sign with (env OCI_CLI_PROFILE; default DEFAULT)
  --config-file FILE        OCI config file (env OCI_CLI_CONFIG_FILE; default ~/.oci/config)
  --auth TYPE               ${AUTH_TYPES.join(", ")}
                            (env OCI_CLI_AUTH; default: OCI_CLI_USER... variables if set, else the profile)
  --report FILE             write the JSON drift report to FILE on exit (live: GET /_aidp-mock/drift-report)
  --fail-on-drift           exit 1 when the report has a violation or an upstream failure
  --strict                  refuse a request that breaks the spec with 400 and the violations (not
                            forwarded); answer an upstream answer that breaks it with 502 and them
  --record FILE             append the records of every search answer to FILE (NDJSON for --records-file)`;

interface GatewayFlagValues {
  upstream?: string | undefined;
  "upstream-region"?: string | undefined;
  "upstream-timeout-ms"?: string | undefined;
  "upstream-timeout"?: string | undefined;
  profile?: string | undefined;
  "config-file"?: string | undefined;
  auth?: string | undefined;
  report?: string | undefined;
  record?: string | undefined;
  strict?: boolean | undefined;
  "fail-on-drift"?: boolean | undefined;
}

/** Whether the flags ask for the gateway (`aidp-mock --upstream ...` is `aidp-gateway --upstream ...`). */
export function isGatewayCommand(values: GatewayFlagValues): boolean {
  return values.upstream !== undefined || values["upstream-region"] !== undefined;
}

/** For `aidp-mock` without `--upstream`: a gateway flag is a TypeError naming it. */
export function refuseGatewayFlags(values: GatewayFlagValues): void {
  const used = Object.keys(GATEWAY_FLAGS).find((name) => {
    const value = values[name as keyof GatewayFlagValues];
    return value !== undefined && value !== false;
  });
  if (used) throw new TypeError(`--${used} needs a gateway (--upstream or --upstream-region)`);
}

/**
 * startGateway's options from the flags, but `auth` (read the files only once the options are known to go
 * together: {@link gatewayAuthFromFlags}); bad values are TypeErrors naming the flag.
 */
function gatewayOptionsFromFlags(
  values: GatewayFlagValues,
  environment: NodeJS.ProcessEnv,
): UncheckedGatewayOptions {
  resolveAuthType(authSettings(values, environment)); // its errors come with the others, before any file is read
  const upstreamTimeoutMs = millisecondsFlag("upstream-timeout", values["upstream-timeout-ms"], {
    value: values["upstream-timeout"],
    unitMs: 1000,
    maxMs: MAX_TIMER_MS,
  });
  if (upstreamTimeoutMs === 0) {
    const flag = values["upstream-timeout-ms"] !== undefined ? "upstream-timeout-ms" : "upstream-timeout";
    throw new TypeError(`--${flag} must be greater than 0, got ${values[flag]}`);
  }
  return withoutUnset({
    upstream: values.upstream,
    upstreamRegion: values["upstream-region"],
    upstreamTimeoutMs,
    report: values.report,
    record: values.record,
    strict: values.strict,
  });
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
async function gatewayAuthFromFlags(
  values: GatewayFlagValues,
  environment: NodeJS.ProcessEnv,
): Promise<GatewayOptions["auth"]> {
  return resolveAuth(authSettings(values, environment)).provider ?? "none";
}

/**
 * Serves the gateway the flags describe until SIGINT or SIGTERM. `otherOptions` are what other flags of the
 * command asked for (aidp-mock's own, e.g. `--records`): each is refused, by name, as not a gateway's.
 */
export async function serveGatewayFromFlags(
  values: GatewayFlagValues & { port?: string; host?: string; quiet?: boolean },
  how: { banner: string; otherOptions?: object },
): Promise<void> {
  const options: UncheckedGatewayOptions = {
    ...serverOptionsFromFlags(values),
    ...how.otherOptions,
    ...gatewayOptionsFromFlags(values, process.env),
  };
  validateGatewayOptions(options); // bad combinations are told before the credential files are read
  const checked: GatewayOptions = { ...options, auth: await gatewayAuthFromFlags(values, process.env) };
  const failOnDrift = values["fail-on-drift"] ?? false;
  await serveUntilSignal(() => startGateway(checked), {
    name: "gateway",
    banner: how.banner,
    announce: (gateway) =>
      console.error(`Gateway to ${gateway.upstream}; drift report at ${gateway.url}${DRIFT_REPORT_PATH}`),
    exitCode: (gateway) => gatewayExitCode(gateway, failOnDrift),
  });
}

/** After the gateway stopped: the summary on standard error, and the exit code (1 with `--fail-on-drift` and drift). */
function gatewayExitCode(gateway: RunningGateway, failOnDrift: boolean): number {
  const report = gateway.driftReport();
  console.error(summarizeDriftReport(report));
  if (failOnDrift && hasDrift(report)) {
    console.error("--fail-on-drift: exit code 1");
    return 1;
  }
  return 0;
}
