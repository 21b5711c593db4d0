// Request signing for every runtime with WebCrypto. Config files and encrypted keys: `@aidp/client/node`.
export { type ApiKeyAuthOptions, apiKeyAuth } from "./api-key-auth.js";
export { customAuth } from "./attempt-signing.js";
export { AidpAuthError, type AuthErrorSource } from "./auth-error.js";
export type { DateHeader } from "./request-signer.js";
export { type SessionToken, type SessionTokenAuthOptions, sessionTokenAuth } from "./session-token-auth.js";
export type { AuthProvider, SignableRequest } from "./types.js";
