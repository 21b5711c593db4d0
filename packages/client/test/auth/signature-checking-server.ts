// A node:http server on 127.0.0.1 that checks the signature of every request it receives and answers
// 200 with what it verified, or 401 with why not.

import type { KeyObject } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignedRequest } from "./signature-verifier.ts";

export interface CheckedRequest {
  verified: boolean;
  reason?: string;
  keyId?: string;
  signedHeaders?: string[];
  bodyLength: number;
}

export interface SignatureCheckingServer {
  url: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startSignatureCheckingServer(publicKey: KeyObject): Promise<SignatureCheckingServer> {
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    let result: CheckedRequest;
    try {
      const authorization = verifySignedRequest(
        {
          method: request.method ?? "",
          target: request.url ?? "",
          header: (name) => request.headers[name] as string | undefined,
          body,
        },
        publicKey,
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
    response.writeHead(result.verified ? 200 : 401, { "content-type": "application/json" });
    response.end(JSON.stringify(result));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
