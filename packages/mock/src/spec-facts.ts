// What the stateful layer and the gateway need to know about the API: a projection of `@aidp/spec/facts` (the
// one reader of the bundled spec), made once when the mock starts. Defaults, the request id's header and
// pattern, the error code of each documented status and the names of the headers the mock writes: never retyped.
import {
  type ApiFacts,
  type OperationFacts,
  operationNamed,
  parametersIn,
  readApiFacts,
  SpecFactsError,
} from "@aidp/spec/facts";
import { bundledSpecJsonPath } from "./bundled-spec.ts";

export interface SpecFacts {
  /** Everything `@aidp/spec/facts` read from the bundle this package ships. */
  api: ApiFacts;
  defaultSortBy: string;
  defaultLimit: number;
  /** The header of the caller's request id, echoed on every answer (`x-aidp-call-header: request-id`). */
  requestIdHeader: string;
  /** What a request id must match (the request parameter's pattern). */
  requestIdPattern: RegExp;
  /** The idempotency header (`x-aidp-call-header: retry-token`). */
  retryTokenHeader: string;
  /** SearchAuditLogs' paging: the next page's header and the array field of a page. */
  nextPageHeader: string;
  itemsField: string;
  /**
   * DownloadClusterLogs' 202 headers: the one the spec marks `x-aidp-secret` carries the log's PAR URL; the one
   * that is neither secret nor the request id carries the async operation key.
   */
  parUrlHeader: string;
  asyncOperationKeyHeader: string;
  /** The first Error `code` the spec's examples give this status (across operations), or its `default`'s. */
  errorCode(status: number): string;
}

let cached: SpecFacts | undefined;

/** The facts of the bundle this package ships (`dist/openapi.json`), read once. */
export function loadSpecFacts(): SpecFacts {
  cached ??= mockFactsOf(readApiFacts(bundledSpecJsonPath));
  return cached;
}

export function mockFactsOf(api: ApiFacts): SpecFacts {
  const search = operationNamed(api, "searchAuditLogs");
  const download = operationNamed(api, "downloadClusterLogs");
  const requestIdHeader = callHeader(api, "request-id");
  const requestIdPattern = headerParameter(search, requestIdHeader).schema.pattern;
  const limit = parametersIn(search, "query").find((parameter) => parameter.name === "limit")?.schema.default;
  const sortBy = search.body?.schema.properties?.sortBy?.default;
  if (requestIdPattern === undefined || typeof limit !== "number" || typeof sortBy !== "string")
    throw new SpecFactsError(
      "searchAuditLogs needs a pattern on the request id header, a numeric default for `limit` and a string default for `sortBy`",
    );
  if (!search.pagination) throw new SpecFactsError("searchAuditLogs has no x-aidp-pagination");

  const codes = new Map<string, string>();
  for (const operation of [search, download]) {
    for (const response of operation.responses) {
      const [code] = response.errorCodes;
      if (code !== undefined && !codes.has(response.status)) codes.set(response.status, code);
    }
  }
  const fallback = codes.get("default");
  if (!fallback) throw new SpecFactsError("the bundled spec's default response has no example with a code");

  const accepted = download.success.headers.filter((header) => header.name !== requestIdHeader);
  const parUrl = accepted.filter((header) => header.secret);
  const asyncKey = accepted.filter((header) => !header.secret);
  if (parUrl.length !== 1 || asyncKey.length !== 1)
    throw new SpecFactsError(
      `downloadClusterLogs' ${download.success.status} answer needs one secret header (the PAR URL) and one other besides ${requestIdHeader} (the async operation key); it has ${accepted.map((header) => header.name).join(", ")}`,
    );

  return {
    api,
    defaultSortBy: sortBy,
    defaultLimit: limit,
    requestIdHeader,
    requestIdPattern: new RegExp(requestIdPattern),
    retryTokenHeader: callHeader(api, "retry-token"),
    nextPageHeader: search.pagination.nextPageHeader,
    itemsField: search.pagination.itemsField,
    parUrlHeader: (parUrl[0] as (typeof parUrl)[number]).name,
    asyncOperationKeyHeader: (asyncKey[0] as (typeof asyncKey)[number]).name,
    errorCode: (status) => codes.get(String(status)) ?? fallback,
  };
}

function callHeader(api: ApiFacts, role: keyof ApiFacts["callHeaders"]): string {
  const name = api.callHeaders[role];
  if (name === undefined)
    throw new SpecFactsError(`the bundled spec marks no header x-aidp-call-header: ${role}`);
  return name;
}

function headerParameter(operation: OperationFacts, name: string) {
  const parameter = parametersIn(operation, "header").find((candidate) => candidate.name === name);
  if (!parameter) throw new SpecFactsError(`${operation.operationId} has no header parameter ${name}`);
  return parameter;
}
