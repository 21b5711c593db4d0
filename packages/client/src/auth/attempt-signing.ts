// How a connection uses an AuthProvider on each attempt: a signed copy of the request's headers, a failure of the
// provider's as an AidpAuthError naming the step, and one renewal after a 401. It comes with the providers (the
// factories register it), so a program without auth does not bundle it; customAuth gives it to a provider of
// your own.
import { attemptHooksOf, withAttemptHooks } from "../attempt-hooks.js";
import { AidpError } from "../errors.js";
import type { AttemptHooks, CallSettings } from "../transport.js";
import { AidpAuthError } from "./auth-error.js";
import type { AuthProvider } from "./types.js";

/** Headers the runtime computes itself; setting them by hand can only disagree with what is sent. */
const RUNTIME_OWNED_HEADERS = new Set(["host", "content-length"]);

/**
 * `provider`, made usable by createAidpConnection: a provider of your own (any object with `signRequest`, and
 * `refresh` for session tokens). The auth factories' providers have this already; createAidpClient adds it itself.
 */
export function customAuth<T extends AuthProvider>(provider: T): T {
  return attemptHooksOf(provider, "auth")
    ? provider
    : withAttemptHooks(provider, "auth", signingHooks(provider));
}

function signingHooks(auth: AuthProvider): AttemptHooks {
  return {
    async headersFor(request, call) {
      // A copy per attempt: each attempt is signed afresh (its own date). The signature covers the body's digest.
      const headers = new Headers(request.headers);
      const { body } = request;
      const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
      const added = await authStep(call, "signing the request", () =>
        auth.signRequest({
          method: request.method,
          url: request.url,
          headers,
          ...(bytes ? { body: bytes } : {}),
        }),
      );
      added.forEach((value, name) => {
        if (!RUNTIME_OWNED_HEADERS.has(name)) headers.set(name, value);
      });
      return headers;
    },
    // Only session-token providers can renew; for the others a 401 is an answer like any other. Read at the 401,
    // as the provider has it then.
    async renewAfter401(call) {
      if (!auth.refresh) return false;
      await authStep(call, "refreshing the credentials after a 401", () => auth.refresh?.() as Promise<void>);
      return true;
    },
  };
}

/** A step of the auth provider's: a failure that is not already an AidpError becomes an AidpAuthError naming the step. */
async function authStep<T>(call: CallSettings, step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (failure) {
    if (failure instanceof AidpError) throw failure;
    const reason = (failure instanceof Error ? failure.message : String(failure)).replace(
      // fetch's Headers quote a value they refuse: never the Authorization header's signature.
      /Signature version=.*?signature="[^"]*"/gs,
      "<the Authorization header, redacted>",
    );
    throw new AidpAuthError(`${call.operation}: ${step} failed: ${reason}`);
  }
}
