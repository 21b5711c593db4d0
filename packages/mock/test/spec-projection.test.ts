// The mock is a projection of `@aidp/spec/facts`: what it reads of the spec follows an edit of the spec (a
// renamed header, parameter or default), a spec that no longer fits one of the mock's declared search choices
// stops it with the name, and no file of its own (beyond the declared choices) spells a name the spec owns.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiFactsOf, SpecFactsError } from "@aidp/spec/facts";
import { describe, expect, it } from "vitest";
import { MOCK_SEARCH_CHOICES, searchSemanticsOf } from "../src/search-semantics.ts";
import { mockFactsOf } from "../src/spec-facts.ts";
import { facts } from "./support.ts";

const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
const bundlePath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));
const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
const searchPath = "/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs";
const downloadPath =
  "/20260430/aiDataPlatforms/{aiDataPlatformId}/workspaces/{workspaceKey}/clusters/{clusterKey}/actions/downloadLogs";

/** The mock's facts of a copy of the bundle after `edit`. */
function mockFactsAfter(edit: (document: typeof bundle) => void) {
  const changed = structuredClone(bundle);
  edit(changed);
  return mockFactsOf(apiFactsOf(changed));
}

describe("the mock's facts follow the spec", () => {
  it("read the export's headers, the paging names and the page size's default from the extensions", () => {
    const mine = mockFactsOf(facts);
    expect(mine.export).toMatchObject({
      operationKeyHeader: "aidp-async-operation-key",
      fileUrlHeader: "datalake-cluster-log-par-url",
      window: { from: "timeBegin", to: "timeEnd" },
    });
    expect(mine.search).toMatchObject({
      pageParameter: "page",
      pageSizeParameter: "limit",
      defaultPageSize: 100,
      nextPageHeader: "opc-next-page",
      itemsField: "items",
    });
  });

  it("follow a renamed export header, page-size parameter and default", () => {
    const changed = mockFactsAfter((document) => {
      const download = document.paths[downloadPath].post;
      const accepted = download.responses["202"].headers;
      accepted["aidp-export-key"] = accepted["aidp-async-operation-key"];
      download["x-aidp-async-export"].operationKeyHeader = "aidp-export-key";
      document.components.parameters.Limit.name = "pageSize";
      document.components.parameters.Limit.schema.default = 25;
      document.paths[searchPath].post["x-aidp-pagination"].pageSizeParameter = "pageSize";
    });
    expect(changed.export.operationKeyHeader).toBe("aidp-export-key");
    expect(changed.search.pageSizeParameter).toBe("pageSize");
    expect(changed.search.defaultPageSize).toBe(25);
  });

  it("refuse a spec with no operation marked x-aidp-async-export, naming the extension", () => {
    expect(() =>
      mockFactsAfter((document) => {
        delete document.paths[downloadPath].post["x-aidp-async-export"];
      }),
    ).toThrow(/exactly one operation marked x-aidp-async-export; the spec marks 0 \(none\)/);
  });
});

describe("the mock's own search choices are checked against the spec", () => {
  it("derive the exact-match filters, the window, the record's time and the default sort from the spec", () => {
    const semantics = searchSemanticsOf(mockFactsOf(facts).search);
    expect(semantics.exactFields).toEqual(["objectName", "objectType", "operation", "startedBy", "status"]);
    expect(semantics.window).toEqual({ from: "timeBegin", to: "timeEnd" });
    expect(semantics.recordTime).toBe("timeOfLog");
    expect(semantics.defaultSort).toBe(facts.schemas.SortBy?.default);
    expect(semantics.sortFields.time).toBe("timeOfLog");
    expect(semantics.defaultOrder(MOCK_SEARCH_CHOICES.timeSortValue)).toBe("DESC");
    expect(semantics.defaultOrder("status")).toBe("ASC");
  });

  it.each<[string, (document: typeof bundle) => void, RegExp]>([
    [
      "the free-text field renamed",
      (document) => {
        const properties = document.components.schemas.SearchAuditLogsDetails.properties;
        properties.text = properties.query;
        delete properties.query;
      },
      /searchAuditLogs: the mock's search reads the body field query, which the spec does not have/,
    ],
    [
      "a record field the free text reads removed",
      (document) => {
        delete document.components.schemas.AuditLogSearchResultSummary.properties.payload;
      },
      /searches the record field payload as text, which is not a string field of a record/,
    ],
    [
      "a sort value that names no record field",
      (document) => {
        document.components.schemas.SortBy.enum.push("owner");
      },
      /sorts by sortBy owner, which names no record field/,
    ],
  ])("%s stops the mock with the name", (_case, edit, message) => {
    let thrown: unknown;
    try {
      searchSemanticsOf(mockFactsAfter(edit).search);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SpecFactsError);
    expect((thrown as Error).message).toMatch(message);
  });
});

/** The files that declare the mock's own choices, named as such: the search's reading and the data set. */
const DECLARED_CHOICES = ["search-semantics.ts", "audit-records.ts"];

describe("no name the spec owns is typed by hand in the mock's own files", () => {
  const names = new Set<string>();
  for (const operation of Object.values(facts.operations)) {
    for (const parameter of operation.parameters) names.add(parameter.name);
    for (const response of operation.responses) for (const header of response.headers) names.add(header.name);
    for (const field of operation.body?.fields ?? []) names.add(field.name);
    for (const name of Object.keys(operation.success.body?.properties ?? {})) names.add(name);
  }
  for (const schema of Object.values(facts.schemas)) {
    for (const value of schema.enum ?? []) names.add(String(value));
    for (const name of Object.keys(schema.properties ?? {})) names.add(name);
  }
  // Spec names that are also the words of OpenAPI and HTTP (a parameter's location `query`, an HTTP `status`) and
  // of our violation shape (its `operation`; a violation of the whole `message`, and an Error's or Prism
  // diagnostic's `message`).
  for (const word of ["query", "status", "operation", "message"]) names.delete(word);
  // The gateway's files are checked against the spec by Prism and have their own entry; the mock's are these.
  const files = readdirSync(srcDir).filter(
    (file) => file.endsWith(".ts") && !DECLARED_CHOICES.includes(file),
  );

  it("finds the names to look for (the test can fail)", () => {
    expect(names).toContain("limit");
    expect(names).toContain("datalake-cluster-log-par-url");
    expect(names).toContain("timeOfLog");
    expect(files).toContain("stateful-server.ts");
  });

  it.each(files)("%s quotes none of them", (file) => {
    // Code, not comments: a comment may say which spec name a line reads.
    const text = readFileSync(join(srcDir, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:])\/\/.*$/gm, "$1");
    const quoted = [...names].filter((name) =>
      new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`).test(text),
    );
    expect(quoted).toEqual([]);
  });
});
