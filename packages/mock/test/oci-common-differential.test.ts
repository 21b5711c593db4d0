// Oracle's own clients against the mock: requests built by oci-common's request composer (composeRequest, as
// Oracle's generated SDK clients call it) and signed and sent by its FetchHttpClient with DefaultRequestSigner,
// to a mock with --verify-signatures on. With no details, SearchAuditLogs' body serialises to `{}`, which
// oci-common drops (`content-length: 0`): the mock reads that as `{}` (its leniency for Oracle's clients).
// DownloadClusterLogs always has a body (its details have required fields).
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  composeRequest,
  DefaultRequestSigner,
  FetchHttpClient,
  ObjectSerializer,
  SimpleAuthenticationDetailsProvider,
} from "oci-common";
import { afterAll, describe, expect, it } from "vitest";
import { keyIdToFileName, type RunningMock, startMock } from "../src/index.ts";
import { validBodies } from "./support.ts";

const identity = { tenancy: "ocid1.tenancy.oc1..t", user: "ocid1.user.oc1..u", fingerprint: "12:34:56" };
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const directory = mkdtempSync(join(tmpdir(), "aidp-mock-oci-common-"));
writeFileSync(
  join(directory, keyIdToFileName(`${identity.tenancy}/${identity.user}/${identity.fingerprint}`)),
  publicKey.export({ type: "spki", format: "pem" }) as string,
);
const mock: RunningMock = await startMock({ port: 0, verifySignatures: directory, records: 50 });
afterAll(async () => {
  await mock.stop();
  rmSync(directory, { recursive: true, force: true });
});

function ociClient(key = privateKey.export({ type: "pkcs8", format: "pem" }) as string) {
  const provider = new SimpleAuthenticationDetailsProvider(
    identity.tenancy,
    identity.user,
    identity.fingerprint,
    key,
    null,
    undefined,
  );
  return new FetchHttpClient(new DefaultRequestSigner(provider));
}

/** What Oracle's generated client does for one call: serialise the details, compose, sign and send. */
async function send(
  path: string,
  pathParams: Record<string, string>,
  details: object,
  detailsType: string,
  queryParams: Record<string, string | number | undefined> = {},
  client = ociClient(),
) {
  const request = await composeRequest({
    baseEndpoint: `${mock.url}/20260430`,
    defaultHeaders: {}, // a generated client's `_defaultHeaders`; Content-Type comes with the header params
    path,
    method: "POST",
    bodyContent: ObjectSerializer.serialize(details, detailsType, (value) => value),
    pathParams,
    headerParams: {
      "Content-Type": "application/json",
      "opc-request-id": undefined,
      "opc-retry-token": undefined,
    },
    queryParams,
  });
  const response = await client.send(request);
  return { response, text: await response.text(), sentBody: request.body };
}

const search = (
  details: object,
  query?: Record<string, string | number | undefined>,
  client?: FetchHttpClient,
) =>
  send(
    "/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs",
    { "{aiDataPlatformId}": "ocid1.aidataplatform.oc1.iad.test" },
    details,
    "SearchAuditLogsDetails",
    query,
    client,
  );
const download = (details: object) =>
  send(
    "/aiDataPlatforms/{aiDataPlatformId}/workspaces/{workspaceKey}/clusters/{clusterKey}/actions/downloadLogs",
    {
      "{aiDataPlatformId}": "ocid1.aidataplatform.oc1.iad.test",
      "{workspaceKey}": "ws-1",
      "{clusterKey}": "cl-1",
    },
    details,
    "DownloadClusterLogsDetails",
  );

const allSearchDetails = {
  ...validBodies.searchAuditLogs,
  objectType: "CATALOG",
  operation: "REVOKE",
  startedBy: "svc-ingest",
  objectName: "customers-eu",
  query: "customers",
  timeBegin: "2025-03-01T00:00:00Z",
  timeEnd: "2025-04-01T00:00:00Z",
  sortBy: "time",
  sortOrder: "ASC",
};
const downloadRequired = {
  logContentTypeContains: "driver",
  timeBegin: "2025-03-16T00:00:00Z",
  timeEnd: "2025-03-17T00:00:00Z",
};

describe("Oracle's oci-common request composer and signer, against the mock with --verify-signatures", () => {
  it.each([
    ["no details (oci-common sends no body)", {}],
    ["some details", { status: "FAILED" }],
    ["all details", allSearchDetails],
  ])("SearchAuditLogs with %s: 200", async (_name, details) => {
    const { response, text, sentBody } = await search(details, { limit: 5 });
    expect(response.status, text).toBe(200);
    expect(Array.isArray(JSON.parse(text).items)).toBe(true);
    if (Object.keys(details).length === 0) expect(sentBody).toBeUndefined();
  });

  it.each([
    ["only the required details", downloadRequired],
    ["some details", { ...downloadRequired, logLevel: "ERROR", thread: "main" }],
    ["all details", validBodies.downloadClusterLogs],
  ])("DownloadClusterLogs with %s: 202", async (_name, details) => {
    const { response, text } = await download(details);
    expect(response.status, text).toBe(202);
    expect(response.headers.get("datalake-cluster-log-par-url")).toContain("/p/");
  });

  it("pages with oci-common's own query strings (not percent-encoded) to the end", async () => {
    let page: string | undefined;
    let records = 0;
    for (let pages = 0; pages < 20; pages++) {
      const { response, text } = await search({}, { limit: 7, page });
      expect(response.status, text).toBe(200);
      records += JSON.parse(text).items.length;
      page = response.headers.get("opc-next-page") ?? undefined;
      if (!page) break;
    }
    expect(page).toBeUndefined();
    expect(records).toBe(50);
  });

  it("the control: a request signed with another key gets 401", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const { response } = await search(
      {},
      {},
      ociClient(other.export({ type: "pkcs8", format: "pem" }) as string),
    );
    expect(response.status).toBe(401);
  });
});
