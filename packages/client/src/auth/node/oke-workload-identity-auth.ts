// Placeholder: the principals branch writes the real okeWorkloadIdentityAuth (OKE workload identity) at this path; the lead drops this file
// at merge. Here it only lets the credential resolver name the provider.
import { AidpAuthError } from "../auth-error.js";
import type { AuthProvider } from "../types.js";

export function okeWorkloadIdentityAuth(_options?: object): AuthProvider {
  throw new AidpAuthError("okeWorkloadIdentityAuth (OKE workload identity) is not available in this build");
}
