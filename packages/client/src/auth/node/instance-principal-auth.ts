// Placeholder: the principals branch writes the real instancePrincipalAuth (instance principals) at this path; the lead drops this file
// at merge. Here it only lets the credential resolver name the provider.
import { AidpAuthError } from "../auth-error.js";
import type { AuthProvider } from "../types.js";

export function instancePrincipalAuth(_options?: object): AuthProvider {
  throw new AidpAuthError("instancePrincipalAuth (instance principals) is not available in this build");
}
