// The token behaviour every workload-identity provider shares: a session (token + the private key it names) is
// obtained on first use, reused until `refreshMarginMs` before its `exp` (5 minutes, as the Go SDK), then
// replaced; concurrent callers share one request for it (single flight); a token that has expired is never
// signed with; `refresh()` (called by the client on a 401) replaces it at once.
import { customAuth } from "../attempt-signing.js";
import { AidpAuthError } from "../auth-error.js";
import { type DateHeader, signatureHeaders } from "../request-signer.js";
import { sessionTokenClaims } from "../session-token-claims.js";
import type { AuthProvider, SignableRequest } from "../types.js";

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/** A session as a provider obtains it. `token` may carry the `ST$` prefix or not. */
export interface ObtainedSession {
  token: string;
  privateKey: CryptoKey;
}

/** Where a provider's sessions come from. */
export interface SessionSource {
  /** Names the provider in errors: "instance principal". */
  name: string;
  /** Gets a new session (federation, proxymux, or the resource principal's files). */
  obtain: () => Promise<ObtainedSession>;
  /** Region of the credentials when known now, or once known. */
  region: () => string | undefined;
  /** Reads the region from where the provider learns it, when that is a service (see AuthProvider.loadRegion). */
  loadRegion?: () => Promise<string>;
}

/** The options every workload-identity provider takes about its tokens. */
export interface SessionRefreshOptions {
  /** Replace the token this long before its `exp`. Default 5 minutes. */
  refreshMarginMs?: number;
  /** Epoch milliseconds, for tests. Default `Date.now`. */
  clock?: () => number;
  /** `x-date` instead of `date` for the signed time. Default `date`. */
  dateHeader?: DateHeader;
}

interface Session {
  keyId: string;
  privateKey: CryptoKey;
  expiresAtMs: number;
}

export function createRefreshingSessionAuth(
  source: SessionSource,
  options: SessionRefreshOptions,
): AuthProvider {
  const clock = options.clock ?? Date.now;
  const marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  let current: Session | undefined;
  let inFlight: Promise<Session> | undefined;

  const renew = (): Promise<Session> => {
    inFlight ??= obtainSession(source).then(
      (session) => {
        current = session;
        inFlight = undefined;
        return session;
      },
      (failure) => {
        inFlight = undefined;
        throw failure;
      },
    );
    return inFlight;
  };

  const usable = async (): Promise<Session> => {
    if (current && clock() < current.expiresAtMs - marginMs) return current;
    const session = await renew();
    if (clock() >= session.expiresAtMs) {
      throw new AidpAuthError(
        `${source.name}: the session token just obtained expired at ${new Date(session.expiresAtMs).toISOString()}; nothing was signed with it`,
      );
    }
    return session;
  };

  return customAuth({
    get region() {
      return source.region();
    },
    ...(source.loadRegion ? { loadRegion: source.loadRegion } : {}),
    async signRequest(request: SignableRequest): Promise<Headers> {
      const session = await usable();
      return signatureHeaders(request, session, options.dateHeader);
    },
    async refresh(): Promise<void> {
      await renew();
    },
  });
}

async function obtainSession(source: SessionSource): Promise<Session> {
  const obtained = await source.obtain();
  const token = obtained.token.trim().replace(/^ST\$/, "");
  const { exp } = sessionTokenClaims(token, `${source.name}: the session token`);
  if (exp === undefined) throw new AidpAuthError(`${source.name}: the session token has no exp claim`);
  return { keyId: `ST$${token}`, privateKey: obtained.privateKey, expiresAtMs: exp * 1000 };
}
