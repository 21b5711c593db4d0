// A stand-in for the service that checks `ST$` signatures as the mock's --verify-signatures does: with the session
// public key in the token's `jwk` claim. It answers an empty SearchAuditLogs page, or scripted statuses first.
import { type RecordedRequest, sendJson, startTestServer } from "@aidp/test-support/servers";
import { sessionTokenKey, verifyRequestSignature } from "../../src/signature.ts";

export interface SessionTokenCheck {
  verified: boolean;
  reason?: string;
  keyId?: string;
}

export interface SessionTokenService {
  url: string;
  requests: RecordedRequest[];
  checked: SessionTokenCheck[];
  close(): Promise<void>;
}

export const SEARCH_PATH = "/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs";

/** `statuses`: what the first correctly signed requests get instead of 200 (e.g. 401 as for a revoked token). */
export async function startSessionTokenService(statuses: number[] = []): Promise<SessionTokenService> {
  const checked: SessionTokenCheck[] = [];
  const server = await startTestServer(async (request, response) => {
    try {
      const authorization = await verifyRequestSignature(
        {
          method: request.method,
          target: request.url,
          header: (name) => request.headers[name] as string | undefined,
          body: Buffer.from(request.body, "utf8"),
        },
        { publicKey: (keyId) => (keyId.startsWith("ST$") ? sessionTokenKey(keyId) : undefined) },
      );
      checked.push({ verified: true, keyId: authorization.keyId });
    } catch (error) {
      checked.push({ verified: false, reason: (error as Error).message });
      sendJson(response, 401, { code: "NotAuthenticated", message: (error as Error).message });
      return;
    }
    const status = statuses.shift() ?? 200;
    const headers = { "opc-request-id": `checked-${checked.length}` };
    if (status === 200) sendJson(response, 200, { items: [] }, headers);
    else sendJson(response, status, { code: "NotAuthenticated", message: `scripted ${status}` }, headers);
  });
  return { ...server, checked };
}
