// Placeholder: the principals branch writes the real resourcePrincipalAuth (resource principals) at this path; the lead drops this file
// at merge. Here it only lets the credential resolver name the provider.
import { AidpAuthError } from "../auth-error.js";
import type { AuthProvider } from "../types.js";

export function resourcePrincipalAuth(_options?: object): AuthProvider {
  throw new AidpAuthError("resourcePrincipalAuth (resource principals) is not available in this build");
}
