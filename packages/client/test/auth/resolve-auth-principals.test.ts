// Which provider resolveAuth calls for the three workload identities. The providers themselves (metadata service,
// federation, proxymux) are tested against fakes where they are written; here they are replaced by recording
// stand-ins, so that this test checks the choice only: one call, given the resolver's `env`, the provider returned as is.
import { describe, expect, it, vi } from "vitest";
import type { AuthProvider } from "../../src/auth/types.ts";

const calls = vi.hoisted(() => [] as [string, unknown[]][]);
const standIn = (name: string) => ({
  [name]: (...args: unknown[]): AuthProvider => {
    calls.push([name, args]);
    return { signRequest: async () => new Headers({ authorization: name }) };
  },
});
vi.mock("../../src/auth/node/instance-principal-auth.ts", () => standIn("instancePrincipalAuth"));
vi.mock("../../src/auth/node/resource-principal-auth.ts", () => standIn("resourcePrincipalAuth"));
vi.mock("../../src/auth/node/oke-workload-identity-auth.ts", () => standIn("okeWorkloadIdentityAuth"));
const { resolveAuth } = await import("../../src/auth/node/resolve-auth.ts");

describe("resolveAuth for workload identities", () => {
  it.each([
    ["instance_principal", { auth: "instance_principal" }, "instancePrincipalAuth"],
    ["resource_principal", { auth: "resource_principal" }, "resourcePrincipalAuth"],
    ["oke_workload_identity", { auth: "oke_workload_identity" }, "okeWorkloadIdentityAuth"],
    [
      "OCI_CLI_AUTH=resource_principal",
      { env: { OCI_CLI_AUTH: "resource_principal" } },
      "resourcePrincipalAuth",
    ],
    [
      "instance_principal, even with config-less variables and a config file set",
      {
        auth: "instance_principal",
        configFile: "/nonexistent",
        env: { OCI_CLI_USER: "u", OCI_CLI_KEY_FILE: "/k" },
      },
      "instancePrincipalAuth",
    ],
  ])("%s calls %s", async (_, options, provider) => {
    calls.length = 0;
    const settings = { env: {}, ...options };
    const resolved = resolveAuth(settings);
    // The providers read their own variables from the resolver's `env`, not from process.env behind its back.
    expect(calls).toEqual([[provider, [{ env: settings.env }]]]);
    const headers = await resolved.provider?.signRequest({
      method: "GET",
      url: "https://x.test/",
      headers: new Headers(),
    });
    expect(headers?.get("authorization")).toBe(provider);
  });
});
