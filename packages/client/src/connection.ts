// The lean way in: a connection holds what every call shares (the address, the client's headers and defaults,
// the retrying transport), and each operation is a function that takes it, `searchAuditLogs(aidp, input)`, so a
// program bundles only the operations it calls (a bundler cannot drop an object's unused method).
// createAidpClient makes one connection and puts every operation, pagination and `raw` on an object.
import { attemptHooksOf, type HookRole } from "./attempt-hooks.js";
import { absoluteBaseUrl } from "./base-url.js";
import { startDeadline } from "./call-deadline.js";
import { type AidpClientOptions, type CallOptions, checkDurations, resolveTimeoutMs } from "./options.js";
import { resolveRetryPolicy } from "./retry-policy.js";
import { type CallSettings, createTransport, type Transport } from "./transport.js";

export interface AidpConnectionOptions extends Omit<AidpClientOptions, "baseUrl" | "region" | "realm"> {
  /**
   * The service's address, e.g. `http://127.0.0.1:4010` for the mock. An address made from a region and its
   * realm is createAidpClient's (`region`): the realm table is then in the program, and only then.
   */
  baseUrl: string;
}

/** What every call of one client shares. Made by createAidpConnection; an AidpClient has one as `connection`. */
export interface AidpConnection {
  /** Where requests go: an absolute URL without a trailing slash. */
  readonly baseUrl: string;
  /** Headers every request carries: the options' `headers` and `userAgent`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Sends and retries every request of this connection. */
  readonly transport: Transport;
  /** One call's settings: its options over the connection's (checked: a bad duration throws TypeError). */
  callSettings(operation: string, callOptions?: CallOptions): CallSettings;
}

export function createAidpConnection(
  options: AidpConnectionOptions,
  where = "createAidpConnection",
): AidpConnection {
  const baseUrl = absoluteBaseUrl(options.baseUrl, where);
  // Read once: what the options say later does not reach calls. A bad policy or duration fails here, not at the
  // first call; each call resolves its own policy and timeout again over these (a microsecond, and one path).
  const { retry, timeoutMs, deadlineMs } = options;
  resolveRetryPolicy(retry);
  checkDurations(options, `${where}: `);
  return {
    baseUrl,
    headers: { ...options.headers, ...(options.userAgent ? { "user-agent": options.userAgent } : {}) },
    transport: createTransport({
      fetch: options.fetch ?? globalThis.fetch,
      hooks: {
        ...hooksOf(options.auth, where, "auth", "customAuth"),
        ...hooksOf(options.logger, where, "logger", "attemptLogger"),
      },
    }),
    callSettings: (operation, callOptions) => {
      if (callOptions) checkDurations(callOptions, `${operation}: options.`);
      return {
        operation,
        retry: resolveRetryPolicy(retry, callOptions?.retry),
        timeoutMs: resolveTimeoutMs(timeoutMs, callOptions?.timeoutMs),
        signal: callOptions?.signal,
        deadline: startDeadline(callOptions?.deadlineMs ?? deadlineMs),
      };
    },
  };
}

/**
 * The attempt hooks of the connection's `auth` or `logger`. The auth factories' providers have theirs; a provider
 * or logger of the user's gets them from customAuth / attemptLogger, and is refused without them rather than
 * silently left unused.
 */
function hooksOf(owner: object | undefined, where: string, role: HookRole, helper: string) {
  if (!owner) return undefined;
  const hooks = attemptHooksOf(owner, role);
  if (!hooks) throw new TypeError(`${where}: pass ${role} as ${helper}(${role}), or use createAidpClient.`);
  return hooks;
}
