// Sends one request the way the client's pipeline does: serialise the body to bytes, ask the provider for the
// signature headers, merge them, fetch.
import type { AuthProvider } from "../../src/auth/types.ts";

export async function sendSigned(
  auth: AuthProvider,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Response> {
  const headers = new Headers(init.headers);
  const body = init.body === undefined ? undefined : new TextEncoder().encode(init.body);
  const added = await auth.signRequest({ method: init.method, url, headers, body });
  for (const [name, value] of added) headers.set(name, value);
  return fetch(url, { method: init.method, headers, body });
}
