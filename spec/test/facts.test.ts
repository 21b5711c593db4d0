// @aidp/spec/facts reads the bundle once into the facts every package projects: what it reports is what the
// bundle says (checked against the bundle's own nodes), an edit of the spec shows up in the facts, and a spec
// the facts cannot be read from fails with a message that names the place and the rule.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiFactsOf, operationNamed, parametersIn, readApiFacts, SpecFactsError } from "../lib/facts.ts";
import { deref, loadBundle, type Node } from "./bundle.ts";

const bundle = loadBundle();
const facts = readApiFacts();
const searchPath = "/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs";
const downloadPath =
  "/20260430/aiDataPlatforms/{aiDataPlatformId}/workspaces/{workspaceKey}/clusters/{clusterKey}/actions/downloadLogs";
const search = operationNamed(facts, "searchAuditLogs");
const download = operationNamed(facts, "downloadClusterLogs");

/** A copy of the bundle with `edit` applied, read into facts. */
function factsAfter(edit: (document: Node) => void) {
  const changed = structuredClone(bundle);
  edit(changed);
  return apiFactsOf(changed);
}
const searchOperation = (document: Node) => document.paths[searchPath].post;
const downloadOperation = (document: Node) => document.paths[downloadPath].post;

describe("the facts of the bundled spec", () => {
  it("list every operation of the bundle with its method and path template, in the spec's order", () => {
    const inBundle = Object.entries(bundle.paths as Record<string, Node>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => [
        (operation as Node).operationId,
        method.toUpperCase(),
        path,
      ]),
    );
    expect(Object.values(facts.operations).map((o) => [o.operationId, o.method, o.path])).toEqual(inBundle);
    expect(search).toMatchObject({ method: "POST", path: searchPath, tags: ["Audit Logs"] });
    expect(download.path).toBe(downloadPath);
  });

  it("give each parameter its location, name, required, description and resolved schema", () => {
    const parameters = (searchOperation(bundle).parameters as Node[]).map((p) => deref(bundle, p));
    expect(search.parameters.map((p) => [p.in, p.name, p.required])).toEqual(
      parameters.map((p) => [p.in, p.name, p.required === true]),
    );
    const limit = parameters.find((p) => p.name === "limit");
    expect(parametersIn(search, "query").find((p) => p.name === "limit")).toEqual({
      name: "limit",
      in: "query",
      required: false,
      description: limit.description,
      schema: {
        type: limit.schema.type,
        minimum: limit.schema.minimum,
        maximum: limit.schema.maximum,
        default: limit.schema.default,
        examples: limit.schema.examples,
      },
      secret: false,
    });
    expect(parametersIn(download, "path").map((p) => p.name)).toEqual([
      "aiDataPlatformId",
      "workspaceKey",
      "clusterKey",
    ]);
    const requestId = parametersIn(search, "header").find((p) => p.name === "opc-request-id");
    expect(requestId?.schema.pattern).toBe(
      deref(bundle, bundle.components.parameters.OpcRequestId).schema.pattern,
    );
    const requestIdHeader = search.success.headers.find((h) => h.name === "opc-request-id");
    expect(requestIdHeader?.schema.examples).toEqual(bundle.components.headers.OpcRequestId.schema.examples);
  });

  it("give the body's fields with required, enums (from a $ref'd component), defaults and descriptions", () => {
    const details = bundle.components.schemas.SearchAuditLogsDetails;
    expect(search.body?.required).toBe(true);
    expect(search.body?.schema.component).toBe("SearchAuditLogsDetails");
    expect(search.body?.fields.map((f) => f.name)).toEqual(Object.keys(details.properties));
    const sortBy = search.body?.fields.find((f) => f.name === "sortBy");
    expect(sortBy?.schema).toMatchObject({
      component: "SortBy",
      enum: bundle.components.schemas.SortBy.enum,
      default: bundle.components.schemas.SortBy.default,
    });
    const downloadDetails = bundle.components.schemas.DownloadClusterLogsDetails;
    expect(download.body?.fields.filter((f) => f.required).map((f) => f.name)).toEqual(
      Object.keys(downloadDetails.properties).filter((name) => downloadDetails.required.includes(name)),
    );
    expect(download.body?.schema.additionalProperties).toBe(false);
    expect(download.body?.fields.find((f) => f.name === "thread")?.schema.description).toBe(
      downloadDetails.properties.thread.description,
    );
  });

  it("give the body's examples by name, in the spec's order, with their values", () => {
    const media = searchOperation(bundle).requestBody.content["application/json"];
    expect(Object.keys(search.body?.examples ?? {})).toEqual(Object.keys(media.examples));
    expect(search.body?.examples.failedOperations).toEqual(
      bundle.components.examples.SearchAuditLogsFailedOperations.value,
    );
    expect(download.body?.examples.driverErrors).toEqual(
      bundle.components.examples.DownloadClusterLogsDriverErrors.value,
    );
  });

  it("give success and error statuses with their headers and the Error codes of their examples", () => {
    expect(download.success).toMatchObject({ status: "202", success: true });
    expect(download.success.headers.map((h) => [h.name, h.required, h.secret])).toEqual([
      ["aidp-async-operation-key", false, false],
      ["datalake-cluster-log-par-url", false, true],
      ["opc-request-id", false, false],
    ]);
    expect(search.success.body?.properties?.items?.items?.component).toBe("AuditLogSearchResultSummary");
    const conflict = search.responses.find((r) => r.status === "409");
    expect(conflict).toMatchObject({ success: false, errorCodes: ["IncorrectState"] });
    expect(conflict?.body?.component).toBe("Error");
    expect(conflict?.headers.map((h) => h.name)).toEqual(["opc-request-id"]);
    expect(search.responses.at(-1)).toMatchObject({ status: "default", errorCodes: ["UnknownError"] });
    expect(search.success.exampleNames).toEqual(
      Object.keys(searchOperation(bundle).responses["200"].content["application/json"].examples),
    );
    expect(download.success.exampleNames).toEqual([]);
    expect(search.success.examples.mixedRecords).toEqual(
      bundle.components.examples.AuditLogSearchResultMixed.value,
    );
    expect(download.success.examples).toEqual({});
    expect(search.responses.map((r) => r.status)).toEqual(Object.keys(searchOperation(bundle).responses));
  });

  it("give each component schema by name, in the spec's order, with its description and enum", () => {
    expect(Object.keys(facts.schemas)).toEqual(Object.keys(bundle.components.schemas));
    expect(facts.schemas.Status).toMatchObject({
      component: "Status",
      enum: bundle.components.schemas.Status.enum,
      description: bundle.components.schemas.Status.description,
    });
    expect(Object.keys(facts.schemas.DownloadClusterLogsDetails?.properties ?? {})).toEqual(
      Object.keys(bundle.components.schemas.DownloadClusterLogsDetails.properties),
    );
  });

  it("carry the vendor extensions: pagination, async export, secrets, call headers, not-after", () => {
    expect(search.pagination).toEqual(searchOperation(bundle)["x-aidp-pagination"]);
    expect(search.pagination?.pageSizeParameter).toBe("limit");
    expect(download.pagination).toBeUndefined();
    expect(download.asyncExport).toEqual(downloadOperation(bundle)["x-aidp-async-export"]);
    expect(download.asyncExport).toEqual({
      operationKeyHeader: "aidp-async-operation-key",
      fileUrlHeader: "datalake-cluster-log-par-url",
    });
    expect(search.asyncExport).toBeUndefined();
    expect(parametersIn(search, "header").map((p) => [p.name, p.secret, p.callHeader])).toEqual([
      ["opc-request-id", false, "request-id"],
      ["opc-retry-token", true, "retry-token"],
    ]);
    expect(facts.callHeaders).toEqual({ "request-id": "opc-request-id", "retry-token": "opc-retry-token" });
    expect(search.body?.schema.properties?.timeBegin?.notAfter).toBe("timeEnd");
    expect(facts.servers[0]?.variables.region?.default).toBe(bundle.servers[0].variables.region.default);
  });

  it("follow an edit of a vendor extension's value", () => {
    const changed = factsAfter((document) => {
      searchOperation(document)["x-aidp-pagination"].nextPageHeader = "opc-prev-page";
      searchOperation(document).responses["200"].headers["opc-prev-page"] = { schema: { type: "string" } };
      searchOperation(document).parameters.push({
        name: "pageSize",
        in: "query",
        schema: { type: "integer" },
      });
      searchOperation(document)["x-aidp-pagination"].pageSizeParameter = "pageSize";
      const accepted = downloadOperation(document).responses["202"].headers;
      accepted["aidp-export-key"] = accepted["aidp-async-operation-key"];
      downloadOperation(document)["x-aidp-async-export"].operationKeyHeader = "aidp-export-key";
      document.components.parameters.Limit["x-aidp-secret"] = true;
      document.components.parameters.OpcRetryToken.name = "opc-idempotency-key";
      const properties = document.components.schemas.DownloadClusterLogsDetails.properties;
      delete properties.timeBegin["x-aidp-not-after"];
      properties.timeEnd["x-aidp-not-after"] = "timeBegin";
    });
    const changedSearch = operationNamed(changed, "searchAuditLogs");
    expect(changedSearch.pagination?.nextPageHeader).toBe("opc-prev-page");
    expect(changedSearch.pagination?.pageSizeParameter).toBe("pageSize");
    expect(operationNamed(changed, "downloadClusterLogs").asyncExport?.operationKeyHeader).toBe(
      "aidp-export-key",
    );
    expect(parametersIn(changedSearch, "query").find((p) => p.name === "limit")?.secret).toBe(true);
    expect(changed.callHeaders["retry-token"]).toBe("opc-idempotency-key");
    const downloadFields = operationNamed(changed, "downloadClusterLogs").body?.schema.properties;
    expect(downloadFields?.timeEnd?.notAfter).toBe("timeBegin");
    expect(downloadFields?.timeBegin?.notAfter).toBeUndefined();
  });
});

describe("a spec the facts cannot be read from", () => {
  it.each<[string, (document: Node) => void, RegExp]>([
    [
      "an unresolvable $ref",
      (d) => {
        searchOperation(d).parameters[1] = { $ref: "#/components/parameters/Nowhere" };
      },
      /post\.parameters\[1\]: Unresolvable \$ref: #\/components\/parameters\/Nowhere/,
    ],
    [
      "an operation without an operationId",
      (d) => {
        delete searchOperation(d).operationId;
      },
      /post: an operation needs an operationId/,
    ],
    [
      "an operation without a 2xx response",
      (d) => {
        delete searchOperation(d).responses["200"];
      },
      /post: an operation needs a 2xx response/,
    ],
    [
      "x-aidp-secret that is not true",
      (d) => {
        d.components.parameters.Page["x-aidp-secret"] = "yes";
      },
      /parameters\[2\]: x-aidp-secret is either true or absent, not "yes"/,
    ],
    [
      "x-aidp-pagination naming a header the success response lacks",
      (d) => {
        searchOperation(d)["x-aidp-pagination"].nextPageHeader = "opc-prev-page";
      },
      /x-aidp-pagination: nextPageHeader names opc-prev-page, which is not a header of the 200 response/,
    ],
    [
      "x-aidp-pagination naming a field that is not an array",
      (d) => {
        searchOperation(d)["x-aidp-pagination"].itemsField = "count";
      },
      /x-aidp-pagination: itemsField names count, which is not an array property of the 200 body/,
    ],
    [
      "x-aidp-pagination naming a page size that is not an integer query parameter",
      (d) => {
        searchOperation(d)["x-aidp-pagination"].pageSizeParameter = "page";
      },
      /x-aidp-pagination: pageSizeParameter names page, which is not an integer query parameter of searchAuditLogs/,
    ],
    [
      "x-aidp-async-export naming a header the success response lacks",
      (d) => {
        downloadOperation(d)["x-aidp-async-export"].operationKeyHeader = "aidp-operation-key";
      },
      /x-aidp-async-export: operationKeyHeader names aidp-operation-key, which is not a header of the 202 response/,
    ],
    [
      "x-aidp-async-export naming a file URL header that is not secret",
      (d) => {
        downloadOperation(d)["x-aidp-async-export"].fileUrlHeader = "opc-request-id";
      },
      /x-aidp-async-export: fileUrlHeader names opc-request-id, a pre-authenticated URL, which must be x-aidp-secret/,
    ],
    [
      "x-aidp-call-header with an unknown role",
      (d) => {
        d.components.parameters.OpcRequestId["x-aidp-call-header"] = "trace-id";
      },
      /x-aidp-call-header is one of request-id, retry-token on a header parameter \(found "trace-id"/,
    ],
    [
      "x-aidp-call-header giving one role two names",
      (d) => {
        d.components.parameters.OpcRetryToken["x-aidp-call-header"] = "request-id";
      },
      /x-aidp-call-header request-id names both opc-request-id and opc-retry-token/,
    ],
    [
      "x-aidp-not-after naming a property that is not a date-time",
      (d) => {
        d.components.schemas.SearchAuditLogsDetails.properties.timeBegin["x-aidp-not-after"] = "query";
      },
      /properties\.timeBegin: x-aidp-not-after must name another date-time property of the object \(.*\), not query/,
    ],
    [
      "a schema that contains itself",
      (d) => {
        d.components.schemas.SearchAuditLogsDetails.properties.nested = {
          $ref: "#/components/schemas/SearchAuditLogsDetails",
        };
      },
      /properties\.nested: the schema #\/components\/schemas\/SearchAuditLogsDetails contains itself/,
    ],
    [
      "a parameter without a location",
      (d) => {
        delete d.components.parameters.Limit.in;
      },
      /parameters\[1\]: a parameter needs a name and an `in` of path, query, header, cookie/,
    ],
  ])("%s", (_name, edit, message) => {
    let thrown: unknown;
    try {
      factsAfter(edit);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SpecFactsError);
    expect((thrown as Error).message).toMatch(message);
    // Every one of these is inside an operation: the message starts with where in the document it is.
    expect((thrown as Error).message).toMatch(
      /^paths\.\/20260430\/aiDataPlatforms\/\{aiDataPlatformId\}\/.*\.post[.:]/,
    );
  });

  it("a document that is not an OpenAPI bundle", () => {
    expect(() => apiFactsOf({ openapi: "3.1.0" })).toThrow(/no `paths` object: is it an OpenAPI bundle\?/);
  });

  const directory = mkdtempSync(join(tmpdir(), "aidp-spec-facts-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  it("a bundle file that is not JSON, named in the error", () => {
    const file = join(directory, "openapi.json");
    writeFileSync(file, "openapi: 3.1.0\n");
    expect(() => readApiFacts(file)).toThrow(new RegExp(`${file}: not a readable JSON document`));
  });

  it("an operation that is not there, with the ones that are", () => {
    expect(() => operationNamed(facts, "listClusters")).toThrow(
      /no operation listClusters \(it has downloadClusterLogs, searchAuditLogs\)/,
    );
  });
});
