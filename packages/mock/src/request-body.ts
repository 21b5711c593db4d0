// Reading a request body: at most MAX_BODY_BYTES, enforced while reading (a larger Content-Length is refused
// before a byte is read; a chunked body is refused at the byte that passes the cap, and the rest is not read),
// then JSON. One leniency, for Oracle's clients: oci-common's request composer sends no body at all (with
// `content-length: 0`) when the details serialise to `{}`, so a zero-length body is read as `{}` for an
// operation whose body may be `{}` (no required fields: SearchAuditLogs). The spec keeps the body required;
// DownloadClusterLogs, whose body has required fields, still gets 400 "body is required".
import type { IncomingMessage } from "node:http";
import type { SpecOperation } from "./contract-guard.ts";
import { loadSpecFacts } from "./spec-facts.ts";

/** The largest request body the mock reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `cut`: the caller closed the connection before the body's end; there is nobody to answer. */
export type BodyRead = { kind: "read"; bytes: Buffer } | { kind: "too-large" } | { kind: "cut" };

export function readBodyUpTo(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<BodyRead> {
  const declared = request.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      request.off("data", onData).off("end", onEnd).off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        stop();
        request.pause(); // the rest stays unread; the answer closes the connection
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ kind: "read", bytes: Buffer.concat(chunks) });
    };
    // The only error a request stream has: the caller's connection closed mid-body ("aborted").
    const onError = () => {
      stop();
      resolve({ kind: "cut" });
    };
    request.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/** The parsed body, undefined for none; throws a SyntaxError for malformed JSON. */
export function parseBody(operation: SpecOperation, bytes: Buffer): unknown {
  if (bytes.byteLength === 0) return mayBeEmptyObject(operation) ? {} : undefined;
  return JSON.parse(bytes.toString("utf8"));
}

/** Whether `{}` is a body the operation accepts: an object body with no required fields. */
function mayBeEmptyObject(operation: SpecOperation): boolean {
  const body = loadSpecFacts().api.operations[operation.iid ?? ""]?.body;
  return body?.schema.type === "object" && !body.fields.some((field) => field.required);
}
