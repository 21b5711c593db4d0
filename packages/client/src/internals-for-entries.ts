// Not public API. The package's other entries (`./node`, `./signature`, `./value-rules`) are bundled apart from the
// main entry and import every module it has from it (scripts/bundle-entries.ts), so that one copy of the client's
// code, state and classes serves them all. These are the names they need beyond the public ones; the main entry's
// JavaScript exports them, its declarations do not. The build fails, naming the name, when one is missing.
export { decoder, parseOrText } from "./answer-text.js";
export { createApiKeyAuth } from "./auth/api-key-auth.js";
export { base64ToBytes, bytesToBase64 } from "./auth/base64.js";
export { importPkcs8, importPrivateKey, RSA_SHA256 } from "./auth/private-key.js";
export { signatureHeaders } from "./auth/request-signer.js";
export { createSessionTokenAuth } from "./auth/session-token-auth.js";
export {
  BODY_HEADERS,
  METHODS_WITH_SIGNED_BODY,
  requestTarget,
  signingString,
} from "./auth/signing-string.js";
export { createClientWith } from "./client.js";
export { resolveBaseUrl } from "./endpoint.js";
export { pause } from "./pause.js";
export { builtInRegion, regionIdentifier } from "./realms/region-realm.js";
export { checkValue } from "./request-validation.js";
export { decideRetry, isRetriableStatus, resolveRetryPolicy } from "./retry-policy.js";
