// A node:http server on 127.0.0.1 that checks the signature of every request it receives (with
// @aidp/client/signature, the check the mock's --verify-signatures uses), records the result,
// and answers 401 with why a request is not correctly signed, or else (by default 200) what it verified, as JSON
// that also reads as an empty SearchAuditLogs page (`items: []`).
// The caller hands in that signature module: @aidp/client's own tests depend on this package, so this package
// cannot depend on @aidp/client (a cycle turbo refuses), and the client's tests check their sources, not dist.

import type { KeyObject } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** The part of `@aidp/client/signature` the server uses (pass the module itself). */
export interface SignatureModule {
  importPublicKeyPem(pem: string): Promise<CryptoKey>;
  verifyRequestSignature(
    request: {
      method: string;
      target: string;
      header(name: string): string | undefined;
      body: Uint8Array;
    },
    options: { publicKey: CryptoKey; maxClockSkewMs: number },
  ): Promise<{ keyId: string; headers: string[] }>;
}

export interface CheckedRequest {
  verified: boolean;
  reason?: string;
  keyId?: string;
  signedHeaders?: string[];
  bodyLength: number;
}

export interface SignatureCheckingServer {
  url: string;
  /** One entry per request received, in order. */
  checked: CheckedRequest[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `signature`: the `@aidp/client/signature` module; `statuses`: the statuses of the first correctly signed
 * requests (e.g. 503 to make a client retry).
 */
export async function startSignatureCheckingServer(
  signature: SignatureModule,
  publicKey: KeyObject,
  statuses: number[] = [],
): Promise<SignatureCheckingServer> {
  const checked: CheckedRequest[] = [];
  const verifyingKey = await signature.importPublicKeyPem(
    publicKey.export({ type: "spki", format: "pem" }) as string,
  );
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    let result: CheckedRequest;
    try {
      const authorization = await signature.verifyRequestSignature(
        {
          method: request.method ?? "",
          target: request.url ?? "",
          header: (name) => request.headers[name] as string | undefined,
          body,
        },
        // Tests here sign with dates of their choosing; only the signature itself is checked.
        { publicKey: verifyingKey, maxClockSkewMs: Number.POSITIVE_INFINITY },
      );
      result = {
        verified: true,
        keyId: authorization.keyId,
        signedHeaders: authorization.headers,
        bodyLength: body.byteLength,
      };
    } catch (error) {
      result = { verified: false, reason: (error as Error).message, bodyLength: body.byteLength };
    }
    checked.push(result);
    const status = result.verified ? (statuses.shift() ?? 200) : 401;
    response.writeHead(status, {
      "content-type": "application/json",
      "opc-request-id": `checked-${checked.length}`,
    });
    response.end(JSON.stringify({ items: [], ...result }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    checked,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
