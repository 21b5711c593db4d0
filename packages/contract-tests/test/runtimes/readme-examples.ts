// The client README's examples as one program that uses only @aidp/client and web APIs (fetch, WebCrypto), so
// the same file runs in Deno, in Bun and, bundled, in Chromium. It reports what each example produced as JSON;
// the test that started it (in Node) asserts on the report. Every call is signed: the mock verifies signatures.
import {
  AidpError,
  AidpUnauthorizedError,
  AidpValidationError,
  apiKeyAuth,
  createAidpClient,
  createAidpConnection,
  type SearchAuditLogsInput,
  searchAuditLogs,
} from "@aidp/client";

export interface ApiKeyIdentity {
  tenancy: string;
  user: string;
  fingerprint: string;
}

export interface ReadmeExamplesConfig {
  baseUrl: string;
  /** A key whose public half the mock holds under this identity's key id. */
  identity: ApiKeyIdentity;
  privateKeyPem: string;
  /** A key pair the mock has never seen, under a key id it does not know either. */
  unknownIdentity: ApiKeyIdentity;
  unknownPrivateKeyPem: string;
  /** `x-date` where scripts cannot set `date` (browsers). */
  dateHeader: "date" | "x-date";
  aiDataPlatformId: string;
  cluster: { workspaceKey: string; clusterKey: string };
  /** Page size of the items iteration, so that it reads several pages. */
  itemsPageSize: number;
}

/** How an error came out, as data the test can compare (class, status, code). */
export interface ErrorReport {
  name: string;
  isAidpError: boolean;
  /** `instanceof` the class the README documents for the case (names can be minified away; classes cannot). */
  isDocumentedClass: boolean;
  status?: number;
  code?: string;
  message: string;
}

export interface ReadmeExamplesReport {
  /** Which runtime ran the program, as it names itself (`Deno 2.9.6`, `Bun 1.4.5`, a browser user agent). */
  runtime: string;
  page: { items: number; statuses: string[]; hasNextPage: boolean; requestId: unknown };
  items: { records: number; distinctEventIds: number; pages: number };
  download: {
    asyncOperationKey: unknown;
    logStatus: number;
    logIsPlaceholder: boolean;
    parUrlListed: boolean;
  };
  validation: ErrorReport & { issues: { field: string; rule: string }[]; requestsSent: number };
  refused: { unknownKey: ErrorReport; tamperedRequest: ErrorReport };
  /** A call signed over the `date` header (the default): browsers do not let a script set it. */
  dateHeader: { succeeded: boolean; error: ErrorReport };
}

interface RuntimeGlobals {
  Deno?: { version: { deno: string } };
  Bun?: { version: string };
  navigator?: { userAgent: string };
}

function runtimeName(): string {
  const globals = globalThis as RuntimeGlobals;
  if (globals.Deno) return `Deno ${globals.Deno.version.deno}`;
  if (globals.Bun) return `Bun ${globals.Bun.version}`;
  return globals.navigator?.userAgent ?? "unknown";
}

type ErrorClass = abstract new (...args: never[]) => Error;

function errorReport(error: unknown, documented: ErrorClass): ErrorReport {
  if (!(error instanceof Error)) {
    const name = error === undefined ? "none" : typeof error;
    return { name, isAidpError: false, isDocumentedClass: false, message: String(error) };
  }
  const { status, code } = error as { status?: number; code?: string };
  const isAidpError = error instanceof AidpError;
  return {
    name: error.name,
    isAidpError,
    isDocumentedClass: error instanceof documented,
    status,
    code,
    message: error.message,
  };
}

async function failureOf(call: () => Promise<unknown>, documented: ErrorClass): Promise<ErrorReport> {
  try {
    await call();
  } catch (error) {
    return errorReport(error, documented);
  }
  return errorReport(undefined, documented);
}

export async function runReadmeExamples(config: ReadmeExamplesConfig): Promise<ReadmeExamplesReport> {
  const { baseUrl, aiDataPlatformId, dateHeader } = config;
  let requestsSent = 0;
  const countingFetch: typeof fetch = (input, init) => {
    requestsSent++;
    return fetch(input, init);
  };
  const auth = apiKeyAuth({ ...config.identity, privateKey: config.privateKeyPem, dateHeader });
  const aidp = createAidpClient({ baseUrl, auth, retry: false, fetch: countingFetch });

  // The README's first program: a connection and the operation function (the object's method is the same call).
  const connection = createAidpConnection({ baseUrl, auth, retry: false, fetch: countingFetch });
  const page = await searchAuditLogs(connection, {
    aiDataPlatformId,
    limit: 50,
    details: { status: "FAILED" },
  });

  const eventIds: string[] = [];
  let pages = 0;
  const before = requestsSent;
  for await (const record of aidp.searchAuditLogsItems({ aiDataPlatformId, limit: config.itemsPageSize }))
    eventIds.push(String(record.eventId));
  pages = requestsSent - before;

  const job = await aidp.downloadClusterLogs({
    aiDataPlatformId,
    ...config.cluster,
    details: {
      logContentTypeContains: "driver",
      logLevel: "ERROR",
      timeBegin: new Date("2025-03-16T00:00:00Z"),
      timeEnd: "2025-03-16T23:59:59Z",
    },
  });
  const log = await fetch(String(job.logParUrl));
  const logText = await log.text();

  const sentBeforeValidation = requestsSent;
  let issues: readonly { field: string; rule: string }[] = [];
  const invalid = { aiDataPlatformId, limit: 5000, details: { status: "NOPE" } };
  const validationError = await failureOf(
    () =>
      aidp.searchAuditLogs(invalid as unknown as SearchAuditLogsInput).catch((error: unknown) => {
        if (error instanceof AidpValidationError) issues = error.issues;
        throw error;
      }),
    AidpValidationError,
  );
  const validation = {
    ...validationError,
    issues: issues.map(({ field, rule }) => ({ field, rule })),
    requestsSent: requestsSent - sentBeforeValidation,
  };

  const unknownKeyAuth = apiKeyAuth({
    ...config.unknownIdentity,
    privateKey: config.unknownPrivateKeyPem,
    dateHeader,
  });
  const unknownKey = await failureOf(
    () =>
      createAidpClient({ baseUrl, auth: unknownKeyAuth, retry: false }).searchAuditLogs({ aiDataPlatformId }),
    AidpUnauthorizedError,
  );
  // Signed for limit=5, sent with limit=6: what a proxy that edits a request after signing would do.
  const tamperingFetch: typeof fetch = async (input, init) => {
    const signed = new Request(input, init);
    const { method, headers, signal } = signed;
    const body = await signed.arrayBuffer();
    return fetch(signed.url.replace("limit=5", "limit=6"), { method, headers, signal, body });
  };
  const tamperedRequest = await failureOf(
    () =>
      createAidpClient({ baseUrl, auth, retry: false, fetch: tamperingFetch }).searchAuditLogs({
        aiDataPlatformId,
        limit: 5,
      }),
    AidpUnauthorizedError,
  );

  const dateAuth = apiKeyAuth({ ...config.identity, privateKey: config.privateKeyPem, dateHeader: "date" });
  let dateSigned = false;
  const dateError = await failureOf(async () => {
    await createAidpClient({ baseUrl, auth: dateAuth, retry: false }).searchAuditLogs({ aiDataPlatformId });
    dateSigned = true;
  }, AidpUnauthorizedError);

  return {
    runtime: runtimeName(),
    page: {
      items: page.items.length,
      statuses: [...new Set(page.items.map((item) => String(item.status)))],
      hasNextPage: typeof page.nextPage === "string",
      requestId: page.requestId,
    },
    items: { records: eventIds.length, distinctEventIds: new Set(eventIds).size, pages },
    download: {
      asyncOperationKey: job.asyncOperationKey,
      logStatus: log.status,
      logIsPlaceholder: logText.includes("placeholder"),
      parUrlListed: Object.keys(job).includes("logParUrl"),
    },
    validation,
    refused: { unknownKey, tamperedRequest },
    dateHeader: { succeeded: dateSigned, error: dateError },
  };
}
