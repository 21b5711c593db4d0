// One call of any operation: its input validated against the operation's facts, the URL, headers and JSON body
// built from them, sent through the connection's retrying transport, an error answer turned into AidpApiError.
// The facts say where each parameter goes, so the request is built in one pass, without openapi-fetch's general
// serialisers and Request/Response objects (smaller and faster; `raw` keeps openapi-fetch for everything else).
import { parseOrText } from "./answer-text.js";
import { createApiError } from "./api-errors.js";
import type { AidpConnection } from "./connection.js";
import { callHeaders } from "./generated/operations.js";
import type { OperationFacts } from "./operation-types.js";
import type { CallOptions } from "./options.js";
import { prepareRequest } from "./prepare-request.js";
import type { Answer } from "./transport.js";

export interface OperationAnswer {
  /** The success body, parsed; undefined when it was empty. */
  data: unknown;
  /** The success response; its body is already read. */
  response: Response;
}

export async function sendOperation(
  connection: AidpConnection,
  operationId: string,
  facts: OperationFacts,
  input: object,
  callOptions: CallOptions | undefined,
): Promise<OperationAnswer> {
  const { path, query, header, body } = prepareRequest(operationId, facts, input, connection.headers);
  // Validation has made every value a string, number or boolean: the spec's parameters are all primitives.
  let url = connection.baseUrl + facts.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(path[name]));
  let separator = "?";
  for (const name in query) {
    url += `${separator}${name}=${encode(query[name])}`;
    separator = "&";
  }
  const headers = new Headers(connection.headers);
  for (const name in header) headers.set(name, String(header[name]));
  if (body !== undefined) headers.set("content-type", "application/json");
  // Read as text: the call does not ask for bytes.
  const { response, body: text } = (await connection.transport(
    // JSON.stringify(undefined) is undefined: no body.
    { method: facts.method, url, headers, body: JSON.stringify(body) },
    connection.callSettings(operationId, callOptions),
  )) as Answer & { body: string | undefined };
  const data = text ? parseOrText(text) : undefined;
  // A success whose body is not a JSON object (a proxy's HTML page with 200; `null`; an array) cannot be used: an error with
  // its status, the start of its text and its request id, rather than JSON.parse's SyntaxError or a TypeError later.
  if (!response.ok || (text && (typeof data !== "object" || !data || Array.isArray(data))))
    throw createApiError({
      status: response.status,
      headers: response.headers,
      body: response.ok ? text : data,
      requestId: response.headers.get(callHeaders.requestId) ?? undefined,
      operation: operationId,
      method: facts.method,
      url: response.url || `${connection.baseUrl}${facts.path}`,
    });
  return { data, response };
}

const encode = (value: unknown) => encodeURIComponent(String(value));
