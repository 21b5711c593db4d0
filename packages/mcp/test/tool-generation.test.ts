// The tools are generated from @aidp/spec/facts: names from the operationIds, descriptions and constraints from
// the spec, and a spec edit changes the tool. Every input schema is what strict clients accept: an object at the
// root, no union there, a description on every property. And the whole listing stays small.
import { createAidpClient } from "@aidp/client";
import { type ApiFacts, readApiFacts } from "@aidp/spec/facts";
import { describe, expect, it } from "vitest";
import { LogHandles } from "../src/log-handles.ts";
import { Redactor } from "../src/redaction.ts";
import { buildTools, type ToolSelection } from "../src/tool-catalog.ts";
import type { ToolContext } from "../src/tool-definition.ts";

const context = (instanceId?: string): ToolContext => ({
  client: createAidpClient({ baseUrl: "http://127.0.0.1:9" }),
  instanceId,
  handles: new LogHandles({ ttlMs: 1_000, redactor: new Redactor() }),
});
const tools = (facts: ApiFacts = readApiFacts(), selection?: ToolSelection, instanceId?: string) =>
  buildTools(facts, context(instanceId), selection);
const named = (name: string, list = tools()) => {
  const tool = list.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool;
};

describe("generated from the spec's facts", () => {
  const facts = readApiFacts();

  it("one tool per operation, named from its operationId, and read_cluster_log", () => {
    expect(tools().map((tool) => tool.name)).toEqual([
      "search_audit_logs",
      "download_cluster_logs",
      "read_cluster_log",
    ]);
    expect(Object.keys(facts.operations).sort()).toEqual(["downloadClusterLogs", "searchAuditLogs"]);
  });

  it("arguments: the path and query parameters and the body's fields, with the spec's descriptions and constraints", () => {
    const search = named("search_audit_logs").inputSchema;
    const operation = facts.operations.searchAuditLogs;
    const bodyFields = operation?.body?.fields.map((field) => field.name) ?? [];
    expect(Object.keys(search.properties)).toEqual(["aiDataPlatformId", "limit", "page", ...bodyFields]);
    const limit = operation?.parameters.find((parameter) => parameter.name === "limit");
    expect(search.properties.limit).toMatchObject({
      type: "integer",
      minimum: limit?.schema.minimum,
      maximum: limit?.schema.maximum,
      default: 50,
    });
    expect(search.properties.limit?.description.startsWith(limit?.description ?? "?")).toBe(true);
    expect(search.properties.status?.enum).toEqual(facts.schemas.Status?.enum);
    expect(search.properties.timeBegin?.description).toContain("24h");
    expect(search.required).toEqual(["aiDataPlatformId"]);
    const download = named("download_cluster_logs").inputSchema;
    expect(download.required).toEqual([
      "aiDataPlatformId",
      "workspaceKey",
      "clusterKey",
      "logContentTypeContains",
      "timeBegin",
      "timeEnd",
    ]);
  });

  it("with --instance-id, no tool asks for aiDataPlatformId", () => {
    for (const tool of tools(facts, {}, "ocid1.x"))
      expect(Object.keys(tool.inputSchema.properties)).not.toContain("aiDataPlatformId");
  });

  it("a spec edit changes the tool: a description, an enum value, a new body field", () => {
    const edited = structuredClone(facts);
    const operation = edited.operations.searchAuditLogs;
    if (!operation?.body) throw new Error("the spec has no searchAuditLogs body");
    operation.summary = "Find audit records";
    operation.body.fields.push({
      name: "tenantName",
      required: false,
      schema: { type: "string", maxLength: 64, description: "The tenant's name." },
    });
    const status = operation.body.fields.find((field) => field.name === "status");
    if (!status) throw new Error("no status field");
    status.schema = {
      ...status.schema,
      enum: [...(status.schema.enum ?? []), "CANCELED"],
      description: "Status, edited.",
    };
    const search = named("search_audit_logs", tools(edited));
    expect(search.description.startsWith("Find audit records.")).toBe(true);
    expect(search.annotations.title).toBe("Find audit records");
    expect(search.inputSchema.properties.tenantName).toEqual({
      type: "string",
      maxLength: 64,
      description: "The tenant's name.",
    });
    expect(search.inputSchema.properties.status).toMatchObject({
      description: "Status, edited.",
      enum: ["SUCCEEDED", "FAILED", "CANCELED"],
    });
    // ...and the unedited facts still give the unedited tool.
    expect(named("search_audit_logs").inputSchema.properties.tenantName).toBeUndefined();
  });

  it("an argument the spec leaves undescribed fails the build, naming it", () => {
    const edited = structuredClone(facts);
    edited.operations.downloadClusterLogs?.body?.fields.push({
      name: "mystery",
      required: false,
      schema: { type: "string" },
    });
    expect(() => tools(edited)).toThrow("downloadClusterLogs: mystery has no description in the spec");
  });
});

describe("what strict clients require", () => {
  it.each(tools().map((tool) => [tool.name, tool] as const))(
    "%s: an object root, no union, every property described",
    (_, tool) => {
      const schema = tool.inputSchema as unknown as Record<string, unknown>;
      expect(schema.type).toBe("object");
      expect(schema.additionalProperties).toBe(false);
      for (const union of ["anyOf", "oneOf", "allOf", "not", "if"]) expect(schema).not.toHaveProperty(union);
      for (const [name, property] of Object.entries(tool.inputSchema.properties)) {
        expect(property.description.length, name).toBeGreaterThan(10);
        expect(typeof property.type, name).toBe("string");
      }
    },
  );

  it("annotations say what each tool does: the search is a read-only, idempotent POST", () => {
    expect(named("search_audit_logs").annotations).toMatchObject({
      readOnlyHint: true,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(named("download_cluster_logs").annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(named("read_cluster_log").annotations).toMatchObject({ readOnlyHint: true });
    expect(named("read_cluster_log").description).toContain("not instructions");
  });

  it("tools/list stays small: under 10 kB for the three tools", () => {
    const listing = tools().map(({ name, description, inputSchema, annotations }) => ({
      name,
      title: annotations.title,
      description,
      inputSchema,
      annotations,
    }));
    expect(Buffer.byteLength(JSON.stringify({ tools: listing }))).toBeLessThan(10_000);
  });
});

describe("--read-only and --tools", () => {
  it("--read-only is the search alone (reading a log needs an export)", () => {
    expect(tools(undefined, { readOnly: true }).map((tool) => tool.name)).toEqual(["search_audit_logs"]);
  });
  it("--tools keeps the named ones, and refuses a name it does not know or a tool without the one it needs", () => {
    expect(tools(undefined, { names: ["search_audit_logs"] }).map((tool) => tool.name)).toEqual([
      "search_audit_logs",
    ]);
    expect(() => tools(undefined, { names: ["search_audit_logs", "drop_table"] })).toThrow(
      "--tools: no tool drop_table",
    );
    expect(() => tools(undefined, { names: ["read_cluster_log"] })).toThrow(
      "read_cluster_log needs download_cluster_logs",
    );
  });
});
