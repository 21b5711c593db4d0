// The OKE proxymux (`POST /resourcePrincipalSessionTokens`) on 127.0.0.1 over HTTPS, with a certificate issued by
// a CA of the test's own (the pod trusts it as the service account `ca.crt`). It requires the service account
// token as a Bearer token and a `podKey`, and answers base64 of `{"token":"ST$<jwt>"}` whose `jwk` is the podKey.
import { createPublicKey } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { issueSessionToken } from "../session-tokens.ts";
import { issueTestCertificate, makeTestCa, type TestCertificate } from "../test-certificates.ts";
import { type RecordedRequest, recordRequest } from "./test-server.ts";

export interface ProxymuxFake {
  host: string;
  port: number;
  /** The CA to trust (write it where `caCertPath` points). */
  ca: TestCertificate;
  requests: RecordedRequest[];
  /** The tokens issued, in order (without `ST$`). */
  issued: string[];
  close(): Promise<void>;
}

export interface ProxymuxFakeOptions {
  /** The service account token(s) the pod may present. */
  serviceAccountToken: string | readonly string[];
  /** Lifetime of the tokens issued. Default 1200 s. */
  tokenLifetimeSeconds?: number;
  /** Serve a certificate of this CA instead of a fresh one (e.g. another CA than the pod trusts). */
  servingCa?: TestCertificate;
}

export async function startProxymuxFake(options: ProxymuxFakeOptions): Promise<ProxymuxFake> {
  const ca = options.servingCa ?? makeTestCa("OKE cluster CA - test");
  const serving = issueTestCertificate(ca, {
    subject: [["CN", "proxymux"]],
    altNames: ["127.0.0.1", "localhost"],
  });
  const accepted = new Set([options.serviceAccountToken].flat().map((token) => `Bearer ${token}`));
  const requests: RecordedRequest[] = [];
  const issued: string[] = [];
  const server = createServer(
    { cert: serving.pem, key: serving.privateKeyPem },
    async (incoming, response) => {
      const request = await recordRequest(incoming);
      requests.push(request);
      const refuse = (status: number, message: string) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ code: status === 401 ? "NotAuthenticated" : "InvalidParameter", message }),
        );
      };
      if (request.method !== "POST" || request.url !== "/resourcePrincipalSessionTokens")
        return refuse(404, "no such path");
      if (!accepted.has(String(request.headers.authorization)))
        return refuse(401, "the service account token is not valid");
      let podKey: string;
      try {
        podKey = String(JSON.parse(request.body).podKey);
        createPublicKey({ key: Buffer.from(podKey, "base64"), format: "der", type: "spki" });
      } catch {
        return refuse(400, "podKey is not a base64 SPKI public key");
      }
      const token = issueSessionToken({
        publicKey: podKey,
        ...(options.tokenLifetimeSeconds !== undefined
          ? { lifetimeSeconds: options.tokenLifetimeSeconds }
          : {}),
        claims: { sub: "ocid1.serviceaccount.test", ptype: "workload" },
      });
      issued.push(token);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(Buffer.from(JSON.stringify({ token: `ST$${token}` })).toString("base64"));
    },
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    ca,
    requests,
    issued,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
