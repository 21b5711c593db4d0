// The CLI's two time limits on every socket (the OCI CLI's --connection-timeout and --read-timeout), and their
// names in the words of a network failure. The words themselves are the client's (`describeNetworkFailure`, one
// wording for the client, the CLI and the gateway); this says only which flag decides a timeout.
import type { NetworkTimeLimits } from "@aidp/client";

export interface NetworkTimeouts {
  connectionTimeoutMs: number;
  readTimeoutMs: number;
}

/** `the --read-timeout of 0.5 s`: the limit that ran out, as the user set it. */
export function timeLimitNames(timeouts: NetworkTimeouts): NetworkTimeLimits {
  return {
    connect: `the --connection-timeout of ${timeouts.connectionTimeoutMs / 1000} s`,
    read: `the --read-timeout of ${timeouts.readTimeoutMs / 1000} s`,
  };
}
