// What the stateful layer and the gateway need to know about the API: a projection of `@aidp/spec/facts` (the
// one reader of the bundled spec), made once when the mock starts. Defaults, header names, parameter names,
// field names, enum values and the error code of each documented status: never retyped. Which operation the
// mock answers how is read from the spec's extensions too: the operation marked `x-aidp-pagination` is a search
// over the data set, the one marked `x-aidp-async-export` starts an export.
import {
  type ApiFacts,
  type OperationFacts,
  parametersIn,
  readApiFacts,
  type SchemaFacts,
  SpecFactsError,
} from "@aidp/spec/facts";
import { bundledSpecJsonPath } from "./bundled-spec.ts";

/** A date-time window of a request body: `from` may not be later than `to` (`x-aidp-not-after`). */
export interface TimeWindow {
  from: string;
  to: string;
}

/** The paginated operation (`x-aidp-pagination`), which the mock answers from its data set. */
export interface SearchFacts {
  operation: OperationFacts;
  pageParameter: string;
  pageSizeParameter: string;
  /** The page size when the request gives none (the page-size parameter's default in the spec). */
  defaultPageSize: number;
  nextPageHeader: string;
  itemsField: string;
  /** The request body's schema (the search's filters and sort). */
  details: SchemaFacts;
  /** The schema of one record of a page: the shape of the data set. */
  record: SchemaFacts;
}

/** The operation that starts an export (`x-aidp-async-export`). */
export interface ExportFacts {
  operation: OperationFacts;
  operationKeyHeader: string;
  /** The header that carries the PAR URL of the log file. */
  fileUrlHeader: string;
  /** The request body's schema. */
  details: SchemaFacts;
  /** The time window the export covers, per the body's `x-aidp-not-after` pair. */
  window: TimeWindow;
}

export interface SpecFacts {
  /** Everything `@aidp/spec/facts` read from the bundle this package ships. */
  api: ApiFacts;
  /** The header of the caller's request id, echoed on every answer (`x-aidp-call-header: request-id`). */
  requestIdHeader: string;
  /** What a request id must match (the request parameter's pattern). */
  requestIdPattern: RegExp;
  /** The idempotency header (`x-aidp-call-header: retry-token`). */
  retryTokenHeader: string;
  search: SearchFacts;
  export: ExportFacts;
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
  const search = searchFactsOf(onlyOperation(api, "x-aidp-pagination", (operation) => operation.pagination));
  const exporting = exportFactsOf(
    onlyOperation(api, "x-aidp-async-export", (operation) => operation.asyncExport),
  );
  const requestIdHeader = callHeader(api, "request-id");
  const requestIdPattern = parametersIn(search.operation, "header").find(
    (parameter) => parameter.name === requestIdHeader,
  )?.schema.pattern;
  if (requestIdPattern === undefined)
    throw new SpecFactsError(
      `${search.operation.operationId} needs a pattern on its request id header ${requestIdHeader}`,
    );

  const codes = new Map<string, string>();
  for (const operation of Object.values(api.operations)) {
    for (const response of operation.responses) {
      const [code] = response.errorCodes;
      if (code !== undefined && !codes.has(response.status)) codes.set(response.status, code);
    }
  }
  const fallback = codes.get("default");
  if (!fallback) throw new SpecFactsError("the bundled spec's default response has no example with a code");

  return {
    api,
    requestIdHeader,
    requestIdPattern: new RegExp(requestIdPattern),
    retryTokenHeader: callHeader(api, "retry-token"),
    search,
    export: exporting,
    errorCode: (status) => codes.get(String(status)) ?? fallback,
  };
}

/** The one operation that carries `extension`: the mock answers one of each kind. */
function onlyOperation(
  api: ApiFacts,
  extension: string,
  carries: (operation: OperationFacts) => unknown,
): OperationFacts {
  const found = Object.values(api.operations).filter((operation) => carries(operation) !== undefined);
  const [operation] = found;
  if (found.length !== 1 || !operation)
    throw new SpecFactsError(
      `the mock answers exactly one operation marked ${extension}; the spec marks ${found.length} (${found.map((o) => o.operationId).join(", ") || "none"})`,
    );
  return operation;
}

function searchFactsOf(operation: OperationFacts): SearchFacts {
  const pagination = operation.pagination as NonNullable<OperationFacts["pagination"]>;
  const where = operation.operationId;
  const pageSize = parametersIn(operation, "query").find(
    (parameter) => parameter.name === pagination.pageSizeParameter,
  );
  if (typeof pageSize?.schema.default !== "number")
    throw new SpecFactsError(
      `${where}: the page-size parameter ${pagination.pageSizeParameter} needs a numeric default (the mock's page size when a request gives none)`,
    );
  const details = operation.body?.schema;
  const record = operation.success.body?.properties?.[pagination.itemsField]?.items;
  if (!details?.properties || !record?.properties)
    throw new SpecFactsError(
      `${where}: the mock needs an object request body and object records in ${pagination.itemsField}`,
    );
  return {
    operation,
    pageParameter: pagination.pageParameter,
    pageSizeParameter: pagination.pageSizeParameter,
    defaultPageSize: pageSize.schema.default,
    nextPageHeader: pagination.nextPageHeader,
    itemsField: pagination.itemsField,
    details,
    record,
  };
}

function exportFactsOf(operation: OperationFacts): ExportFacts {
  const asyncExport = operation.asyncExport as NonNullable<OperationFacts["asyncExport"]>;
  const details = operation.body?.schema;
  if (!details?.properties)
    throw new SpecFactsError(`${operation.operationId}: the mock needs an object request body`);
  const window = timeWindowOf(details);
  if (!window)
    throw new SpecFactsError(
      `${operation.operationId}: the mock needs one date-time pair in the request body (x-aidp-not-after), the window of the export`,
    );
  return {
    operation,
    operationKeyHeader: asyncExport.operationKeyHeader,
    fileUrlHeader: asyncExport.fileUrlHeader,
    details,
    window,
  };
}

/** The object's one `x-aidp-not-after` pair, or undefined when it has none (two pairs are an error). */
export function timeWindowOf(schema: SchemaFacts): TimeWindow | undefined {
  const pairs = Object.entries(schema.properties ?? {}).flatMap(([from, property]) =>
    property.notAfter === undefined ? [] : [{ from, to: property.notAfter }],
  );
  if (pairs.length > 1)
    throw new SpecFactsError(
      `the mock reads one time window per request body; this one has ${pairs.map((pair) => `${pair.from} <= ${pair.to}`).join(", ")}`,
    );
  return pairs[0];
}

function callHeader(api: ApiFacts, role: keyof ApiFacts["callHeaders"]): string {
  const name = api.callHeaders[role];
  if (name === undefined)
    throw new SpecFactsError(`the bundled spec marks no header x-aidp-call-header: ${role}`);
  return name;
}
