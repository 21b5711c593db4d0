// Property-based tests of the running mock (fast-check, seeded, so a run repeats): thousands of generated
// requests across paths, methods, headers, query strings and bodies, valid and invalid. Every answer is a
// status the spec declares for the operation addressed (or 404/405, or 200/404 for a PAR URL), never an
// unscripted 5xx, with the Error body when it is an error and always an opc-request-id; the mock logs no bug
// and serves on afterwards. Requests go 8 at a time (one batch per property run).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  documentedStatuses,
  facts,
  type OperationId,
  requestIdPattern,
  schemaErrors,
  useStatefulMock,
  validBodies,
} from "./support.ts";

const SEED = 20_261_204;
const BATCH = 8;
const RUNS = 260; // 2,080 requests
const mock = useStatefulMock({ records: 200 });

type Target = OperationId | "logFile" | "elsewhere";
interface GeneratedRequest {
  target: Target;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
}

const printable = (maxLength: number, minLength = 0) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    minLength,
    maxLength,
  });
const oddText = fc.oneof(
  fc.constantFrom(
    "",
    "clusters",
    "x%zz",
    "%",
    "%2F",
    "a b",
    "ü",
    "\ud800",
    "..",
    "0x10",
    "010",
    "1e3",
    "1.0",
    "-1",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
  printable(20),
);
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("ocid1.aidataplatform.oc1.iad.test", "ws-1", "cl-1") },
  {
    weight: 2,
    arbitrary: oddText.filter(
      (text) => text !== "" && !text.includes("/") && !text.includes("?") && !text.includes("#"),
    ),
  },
);
const pathFor: Record<Exclude<Target, "elsewhere">, fc.Arbitrary<string>> = {
  searchAuditLogs: segment.map((id) => `/20260430/aiDataPlatforms/${id}/actions/searchAuditLogs`),
  downloadClusterLogs: fc
    .tuple(segment, segment, segment)
    .map(
      ([id, workspace, cluster]) =>
        `/20260430/aiDataPlatforms/${id}/workspaces/${workspace}/clusters/${cluster}/actions/downloadLogs`,
    ),
  logFile: printable(30, 1).map(
    (token) => `/p/${encodeURIComponent(token)}/n/aidp-mock/b/cluster-logs/o/x.log`,
  ),
};
const elsewhere = fc.oneof(
  fc.constantFrom("/", "/20260430", "/20260430/aiDataPlatforms", "/p/", "/favicon.ico"),
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join("/")}`),
);

/** Only what would change the URL's structure is encoded: `%zz` and raw non-ASCII go as they are. */
const looselyEncoded = (text: string) =>
  text.replace(/[#&?/ +]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
const queryValue = fc.oneof(
  fc.integer({ min: -5, max: 1_500 }).map(String),
  oddText,
  fc.constantFrom("eyJvZmZzZXQiOjUwfQ", "0.5.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"),
);
const query = fc
  .array(fc.tuple(fc.constantFrom("limit", "page", "sortBy", "other"), queryValue), { maxLength: 3 })
  .map((pairs) =>
    pairs.length === 0
      ? ""
      : `?${pairs.map(([name, value]) => `${name}=${looselyEncoded(value)}`).join("&")}`,
  );

const headerValue = printable(70);
const headers = fc.record(
  {
    "content-type": fc.oneof(
      fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "application/json, text/plain",
        "application/json;",
        "*/*",
        "",
        "foo",
      ),
      headerValue,
    ),
    "opc-retry-token": headerValue,
    "opc-request-id": headerValue,
    authorization: headerValue,
    "x-aidp-mock-export-ready-after": fc.constantFrom("0", "10", "-1", "soon", "", "99999999"),
    origin: fc.constantFrom("http://app.example.test"),
    "access-control-request-method": fc.constantFrom("POST"),
  },
  { requiredKeys: [] },
);

const detailValue = fc.oneof(
  oddText,
  fc.constantFrom(
    "2025-03-16T00:00:00Z",
    "2025-03-15T00:00:00Z",
    "2025-03-16T00:00:00+02:00",
    "FAILED",
    "time",
    "DESC",
  ),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);
const detailNames = [
  ...new Set([
    ...Object.keys(facts.schemas.SearchAuditLogsDetails?.properties ?? {}),
    ...Object.keys(facts.schemas.DownloadClusterLogsDetails?.properties ?? {}),
    "unknownField",
  ]),
];
const body = (target: Target) =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(
      JSON.stringify(
        validBodies[target === "downloadClusterLogs" ? "downloadClusterLogs" : "searchAuditLogs"],
      ),
    ),
    fc
      .dictionary(fc.constantFrom(...detailNames), detailValue, { maxKeys: 4 })
      .map((details) => JSON.stringify(details)),
    fc
      .tuple(
        fc.dictionary(fc.constantFrom(...detailNames), detailValue, { maxKeys: 3 }),
        fc.constantFrom(...(["searchAuditLogs", "downloadClusterLogs"] as const)),
      )
      .map(([extra, operation]) => JSON.stringify({ ...validBodies[operation], ...extra })),
    fc.json({ maxDepth: 2 }),
    printable(40),
  );

const request: fc.Arbitrary<GeneratedRequest> = fc
  .constantFrom<Target>(
    "searchAuditLogs",
    "searchAuditLogs",
    "downloadClusterLogs",
    "downloadClusterLogs",
    "logFile",
    "elsewhere",
  )
  .chain((target) =>
    fc.record({
      target: fc.constant(target),
      method:
        target === "logFile"
          ? fc.constantFrom("GET", "HEAD", "POST", "DELETE")
          : fc.oneof(
              { weight: 4, arbitrary: fc.constant("POST") },
              {
                weight: 1,
                arbitrary: fc.constantFrom("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO"),
              },
            ),
      path: target === "elsewhere" ? elsewhere : pathFor[target],
      query,
      headers,
      body: body(target),
    }),
  );

/** The statuses an answer to `target` may have. */
function allowedStatuses(target: Target): Set<number> {
  if (target === "logFile") return new Set([200, 204, 404, 405]);
  const declared = target === "elsewhere" ? [] : documentedStatuses(target).map(Number);
  return new Set([...declared, 204, 404, 405]); // 204: a CORS preflight
}

let sent = 0;
async function send(generated: GeneratedRequest): Promise<void> {
  const { target, method, path, query: search, headers: sentHeaders } = generated;
  const withBody = method !== "GET" && method !== "HEAD" && generated.body !== undefined;
  const response = await fetch(`${mock.url}${path}${search}`, {
    method,
    headers: sentHeaders,
    ...(withBody ? { body: generated.body } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  sent += 1;
  const text = await response.text();
  const described = `${method} ${path}${search} ${JSON.stringify(sentHeaders)} ${generated.body ?? ""} -> ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, described).toBeLessThan(500);
  expect(allowedStatuses(target).has(response.status), described).toBe(true);
  expect(response.headers.get("opc-request-id"), described).toMatch(requestIdPattern);
  if (response.status >= 400 && method !== "HEAD") {
    expect(schemaErrors("Error", JSON.parse(text)), described).toBe("");
  }
}

describe("property-based: any request gets an answer in the API's shape", () => {
  it(
    `${BATCH * RUNS} generated requests (seed ${SEED}): declared statuses, Error bodies, request ids, no 5xx`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(batch.map(send));
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect(sent).toBeGreaterThanOrEqual(2_000);
      const after = await fetch(`${mock.url}/20260430/aiDataPlatforms/x/actions/searchAuditLogs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(after.status).toBe(200); // the process is up and serving
    },
    // About 2,000 requests, 8 at a time: a few seconds on a quiet machine, allow 50 ms each.
    BATCH * RUNS * 50,
  );
});
