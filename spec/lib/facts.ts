// The one reader of the bundled spec: everything the code downstream needs to know about the API, read once into
// plain data with every `$ref` resolved. Each consumer is a projection of these facts: the client's generated
// operation facts, the CLI's flag table and the mock's run-time facts. Two tools walk the bundle's JSON on their
// own, each for what it is made for: openapi-typescript (the types' generator) and Redoc (the docs' build).
// Where a fact is one of our vendor extensions (`x-aidp-pagination`, `x-aidp-async-export`, `x-aidp-secret`,
// `x-aidp-call-header`, `x-aidp-not-after`), it is checked here as well as by the lint rules, so that a consumer can rely on it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolveRef } from "./resolve-ref.ts";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Json = Record<string, unknown>;

/** `opc-request-id` → `opcRequestId`: how a header parameter is named in a call's input (the client's, the CLI's). */
export const inputName = (wireName: string) =>
  wireName.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A schema with its `$ref`s resolved, reduced to what code acts on (constraints, shape, our extensions). */
export interface SchemaFacts {
  /** The component it was a `$ref` to (`#/components/schemas/SortBy` → `SortBy`), when it was one. */
  component?: string;
  type?: string | string[];
  format?: string;
  enum?: JsonValue[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: JsonValue;
  description?: string;
  /** The schema's own `examples` (JSON Schema's keyword): values it documents as valid. */
  examples?: JsonValue[];
  /** `x-aidp-not-after`: the sibling date-time property this one may not be later than. */
  notAfter?: string;
  /** An object's properties, in the spec's order. */
  properties?: Record<string, SchemaFacts>;
  /** An object's required property names (`[]` when it says none). */
  required?: string[];
  /** False when an object says `additionalProperties: false`. */
  additionalProperties?: boolean;
  /** An array's item schema. */
  items?: SchemaFacts;
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";
export const CALL_HEADER_ROLES = ["request-id", "retry-token"] as const;
export type CallHeaderRole = (typeof CALL_HEADER_ROLES)[number];

export interface ParameterFacts {
  /** The wire name (`opc-request-id`). */
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** The parameter's own description (its schema's is `schema.description`). */
  description?: string;
  schema: SchemaFacts;
  /** `x-aidp-secret`: its value must never be logged or shown. */
  secret: boolean;
  /** `x-aidp-call-header`: the client fills this header once per call and repeats it on every retry. */
  callHeader?: CallHeaderRole;
}

/** One property of a request body: the body's schema's property with whether the body requires it. */
export interface FieldFacts {
  name: string;
  required: boolean;
  schema: SchemaFacts;
}

export interface BodyFacts {
  required: boolean;
  description?: string;
  mediaType: "application/json";
  schema: SchemaFacts;
  /** The schema's top-level properties, in the spec's order. */
  fields: FieldFacts[];
  /** The body's example values by name, in the spec's order, `$ref`s resolved: valid requests of the real shape. */
  examples: Record<string, JsonValue>;
}

export interface HeaderFacts {
  name: string;
  required: boolean;
  description?: string;
  schema: SchemaFacts;
  /** `x-aidp-secret`: its value must never be logged or shown. */
  secret: boolean;
}

export interface ResponseFacts {
  /** As the spec keys it: `"202"`, `"409"`, `"default"`. */
  status: string;
  /** True for a 2xx status. */
  success: boolean;
  description?: string;
  headers: HeaderFacts[];
  /** The `application/json` body's schema, when there is one. */
  body?: SchemaFacts;
  /** The `code` of each of the body's examples, in order (the Error codes an error status documents). */
  errorCodes: string[];
  /** The names of the body's examples, in order (what a mock's `Prefer: example=NAME` selects). */
  exampleNames: string[];
  /** The body's example values by name, `$ref`s resolved: data of the real shape for tests and benchmarks. */
  examples: Record<string, JsonValue>;
}

/** `x-aidp-pagination`: how an operation pages. */
export interface PaginationFacts {
  /** The query parameter that carries the page token. */
  pageParameter: string;
  /** The integer query parameter that says how many records a page holds at most. */
  pageSizeParameter: string;
  /** The success response header that carries the next page's token. */
  nextPageHeader: string;
  /** The array property of the success body that holds a page's records. */
  itemsField: string;
}

/** `x-aidp-async-export`: the success response starts an export; these two of its headers say where it is. */
export interface AsyncExportFacts {
  /** The header that carries the key of the asynchronous operation (to track it). */
  operationKeyHeader: string;
  /** The header that carries the pre-authenticated URL of the file the export writes (a secret header). */
  fileUrlHeader: string;
}

export interface OperationFacts {
  operationId: string;
  /** Upper case: `POST`. */
  method: string;
  /** The path template: `/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs`. */
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  /** Every parameter, in the spec's order (see `parametersIn` for one location). */
  parameters: ParameterFacts[];
  body?: BodyFacts;
  /** Every response, in the spec's order. */
  responses: ResponseFacts[];
  /** The first 2xx response. */
  success: ResponseFacts;
  pagination?: PaginationFacts;
  asyncExport?: AsyncExportFacts;
}

export interface ServerFacts {
  url: string;
  description?: string;
  variables: Record<string, { default: string; description?: string; enum?: string[] }>;
}

export interface ApiFacts {
  title: string;
  /** `info.version`: the API version (`20260430`). */
  version: string;
  servers: ServerFacts[];
  /** Each operation by its operationId, in the spec's order. */
  operations: Record<string, OperationFacts>;
  /** `x-aidp-call-header` role → the one header name it has across the API. */
  callHeaders: Partial<Record<CallHeaderRole, string>>;
  /** Each component schema (`#/components/schemas/...`) by name, in the spec's order. */
  schemas: Record<string, SchemaFacts>;
}

/** A spec these facts cannot be read from; the message names the place in the document and the rule. */
export class SpecFactsError extends Error {
  override name = "SpecFactsError";
}

/** The facts of the bundle at `bundlePath`, or of this package's `dist/openapi.json`. */
export function readApiFacts(bundlePath?: string): ApiFacts {
  const path = bundlePath ?? createRequire(import.meta.url).resolve("@aidp/spec/openapi.json");
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new SpecFactsError(`${path}: not a readable JSON document (${(error as Error).message})`);
  }
  return apiFactsOf(document);
}

/** The parameters of `operation` at one location, in the spec's order. */
export function parametersIn(operation: OperationFacts, location: ParameterLocation): ParameterFacts[] {
  return operation.parameters.filter((parameter) => parameter.in === location);
}

/** The operation with this id, or an error naming the ones there are. */
export function operationNamed(facts: ApiFacts, operationId: string): OperationFacts {
  const operation = facts.operations[operationId];
  if (!operation)
    throw new SpecFactsError(
      `the spec has no operation ${operationId} (it has ${Object.keys(facts.operations).join(", ")})`,
    );
  return operation;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const LOCATIONS: readonly string[] = ["path", "query", "header", "cookie"];
/** The schema keywords that constrain a value, in the order the facts (and their projections) write them. */
export const CONSTRAINT_KEYWORDS = [
  "type",
  "format",
  "enum",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
] as const;
const SCHEMA_KEYWORDS = [...CONSTRAINT_KEYWORDS, "default", "description", "examples"] as const;

/** The facts of a bundled OpenAPI document (already parsed). */
export function apiFactsOf(document: unknown): ApiFacts {
  if (!isObject(document) || !isObject(document.paths))
    throw new SpecFactsError("the document has no `paths` object: is it an OpenAPI bundle?");
  const spec = document;
  const resolve = (node: unknown, where: string): Json => {
    if (!isObject(node))
      throw new SpecFactsError(`${where}: expected an object, found ${JSON.stringify(node)}`);
    try {
      return resolveRef(spec, node);
    } catch (error) {
      throw new SpecFactsError(`${where}: ${(error as Error).message}`);
    }
  };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);

  function schemaOf(node: unknown, where: string, inside: string[] = []): SchemaFacts {
    const reference = isObject(node) && typeof node.$ref === "string" ? node.$ref : undefined;
    if (reference && inside.includes(reference))
      throw new SpecFactsError(
        `${where}: the schema ${reference} contains itself; the facts cannot unfold it`,
      );
    const schema = resolve(node ?? {}, where);
    const within = reference ? [...inside, reference] : inside;
    const facts: SchemaFacts = {};
    const component = reference?.match(/^#\/components\/schemas\/([^/]+)$/)?.[1];
    if (component) facts.component = component;
    for (const keyword of SCHEMA_KEYWORDS)
      if (schema[keyword] !== undefined) (facts as Json)[keyword] = schema[keyword];
    const properties = isObject(schema.properties) ? schema.properties : {};
    if (schema["x-aidp-not-after"] !== undefined) facts.notAfter = String(schema["x-aidp-not-after"]);
    if (schema.type === "object" || isObject(schema.properties)) {
      facts.required = Array.isArray(schema.required) ? schema.required.map(String) : [];
      facts.additionalProperties = schema.additionalProperties !== false;
      facts.properties = Object.fromEntries(
        Object.entries(properties).map(([name, child]) => [
          name,
          schemaOf(child, `${where}.properties.${name}`, within),
        ]),
      );
      for (const [name, property] of Object.entries(facts.properties)) {
        if (property.notAfter === undefined) continue;
        const other = facts.properties[property.notAfter];
        if (other?.format !== "date-time" || property.format !== "date-time")
          throw new SpecFactsError(
            `${where}.properties.${name}: x-aidp-not-after must name another date-time property of the object (${Object.keys(facts.properties).join(", ")}), not ${property.notAfter}`,
          );
      }
    }
    if (schema.items !== undefined) facts.items = schemaOf(schema.items, `${where}.items`, within);
    return facts;
  }

  const secretOf = (node: Json, where: string): boolean => {
    const secret = node["x-aidp-secret"];
    if (secret !== undefined && secret !== true)
      throw new SpecFactsError(
        `${where}: x-aidp-secret is either true or absent, not ${JSON.stringify(secret)}`,
      );
    return secret === true;
  };

  const callHeaders: ApiFacts["callHeaders"] = {};
  function parameterOf(node: unknown, where: string): ParameterFacts {
    const parameter = resolve(node, where);
    const name = text(parameter.name);
    const location = text(parameter.in);
    if (!name || !location || !LOCATIONS.includes(location))
      throw new SpecFactsError(
        `${where}: a parameter needs a name and an \`in\` of ${LOCATIONS.join(", ")} (found name ${JSON.stringify(parameter.name)}, in ${JSON.stringify(parameter.in)})`,
      );
    const facts: ParameterFacts = {
      name,
      in: location as ParameterLocation,
      required: parameter.required === true,
      schema: schemaOf(parameter.schema, `${where}.schema`),
      secret: secretOf(parameter, where),
    };
    const description = text(parameter.description);
    if (description !== undefined) facts.description = description;
    const role = parameter["x-aidp-call-header"];
    if (role !== undefined) {
      if (!(CALL_HEADER_ROLES as readonly unknown[]).includes(role) || location !== "header")
        throw new SpecFactsError(
          `${where}: x-aidp-call-header is one of ${CALL_HEADER_ROLES.join(", ")} on a header parameter (found ${JSON.stringify(role)} on a ${location} parameter)`,
        );
      const known = callHeaders[role as CallHeaderRole];
      if (known !== undefined && known !== name)
        throw new SpecFactsError(`${where}: x-aidp-call-header ${role} names both ${known} and ${name}`);
      callHeaders[role as CallHeaderRole] = name;
      facts.callHeader = role as CallHeaderRole;
    }
    return facts;
  }

  function responseOf(status: string, node: unknown, where: string): ResponseFacts {
    const response = resolve(node, where);
    const headers = Object.entries(isObject(response.headers) ? response.headers : {}).map(
      ([name, child]) => {
        const header = resolve(child, `${where}.headers.${name}`);
        const facts: HeaderFacts = {
          name,
          required: header.required === true,
          schema: schemaOf(header.schema, `${where}.headers.${name}.schema`),
          secret: secretOf(header, `${where}.headers.${name}`),
        };
        const description = text(header.description);
        if (description !== undefined) facts.description = description;
        return facts;
      },
    );
    const media = isObject(response.content) ? response.content["application/json"] : undefined;
    const facts: ResponseFacts = {
      status,
      success: /^2\d\d$/.test(status),
      headers,
      errorCodes: [],
      exampleNames: [],
      examples: {},
    };
    const description = text(response.description);
    if (description !== undefined) facts.description = description;
    if (isObject(media)) {
      if (media.schema !== undefined)
        facts.body = schemaOf(media.schema, `${where}.content.application/json.schema`);
      facts.examples = examplesOf(media, where);
      for (const [name, value] of Object.entries(facts.examples)) {
        facts.exampleNames.push(name);
        if (isObject(value) && typeof value.code === "string") facts.errorCodes.push(value.code);
      }
    }
    return facts;
  }

  /** The example values of an `application/json` media object by name, `$ref`s resolved. */
  function examplesOf(media: Json, where: string): Record<string, JsonValue> {
    return Object.fromEntries(
      Object.entries(isObject(media.examples) ? media.examples : {}).map(([name, example]) => [
        name,
        resolve(example, `${where}.content.application/json.examples.${name}`).value as JsonValue,
      ]),
    );
  }

  function bodyOf(node: unknown, where: string): BodyFacts | undefined {
    if (node === undefined) return undefined;
    const requestBody = resolve(node, where);
    const media = isObject(requestBody.content) ? requestBody.content["application/json"] : undefined;
    if (!isObject(media))
      throw new SpecFactsError(
        `${where}: a request body needs \`application/json\` content (the only kind we read)`,
      );
    const schema = schemaOf(media.schema, `${where}.content.application/json.schema`);
    const required = new Set(schema.required ?? []);
    const body: BodyFacts = {
      required: requestBody.required === true,
      mediaType: "application/json",
      schema,
      fields: Object.entries(schema.properties ?? {}).map(([name, field]) => ({
        name,
        required: required.has(name),
        schema: field,
      })),
      examples: examplesOf(media, where),
    };
    const description = text(requestBody.description);
    if (description !== undefined) body.description = description;
    return body;
  }

  function paginationOf(value: unknown, operation: OperationFacts, where: string): PaginationFacts {
    const fail = (rule: string) => {
      throw new SpecFactsError(`${where}.x-aidp-pagination: ${rule}`);
    };
    if (!isObject(value)) return fail("must be an object");
    const { pageParameter, pageSizeParameter, nextPageHeader, itemsField } = value;
    if (
      typeof pageParameter !== "string" ||
      typeof pageSizeParameter !== "string" ||
      typeof nextPageHeader !== "string" ||
      typeof itemsField !== "string"
    )
      return fail("needs the strings pageParameter, pageSizeParameter, nextPageHeader and itemsField");
    const query = parametersIn(operation, "query");
    if (!query.some((parameter) => parameter.name === pageParameter))
      fail(
        `pageParameter names ${pageParameter}, which is not a query parameter of ${operation.operationId}`,
      );
    if (query.find((parameter) => parameter.name === pageSizeParameter)?.schema.type !== "integer")
      fail(
        `pageSizeParameter names ${pageSizeParameter}, which is not an integer query parameter of ${operation.operationId}`,
      );
    if (!operation.success.headers.some((header) => header.name === nextPageHeader))
      fail(
        `nextPageHeader names ${nextPageHeader}, which is not a header of the ${operation.success.status} response`,
      );
    if (operation.success.body?.properties?.[itemsField]?.type !== "array")
      fail(
        `itemsField names ${itemsField}, which is not an array property of the ${operation.success.status} body`,
      );
    return { pageParameter, pageSizeParameter, nextPageHeader, itemsField };
  }

  function asyncExportOf(value: unknown, operation: OperationFacts, where: string): AsyncExportFacts {
    const fail = (rule: string) => {
      throw new SpecFactsError(`${where}.x-aidp-async-export: ${rule}`);
    };
    if (!isObject(value)) return fail("must be an object");
    const { operationKeyHeader, fileUrlHeader } = value;
    if (typeof operationKeyHeader !== "string" || typeof fileUrlHeader !== "string")
      return fail("needs the strings operationKeyHeader and fileUrlHeader");
    if (operationKeyHeader === fileUrlHeader)
      fail(`operationKeyHeader and fileUrlHeader both name ${fileUrlHeader}`);
    const { status, headers } = operation.success;
    for (const [field, name] of [
      ["operationKeyHeader", operationKeyHeader],
      ["fileUrlHeader", fileUrlHeader],
    ])
      if (!headers.some((header) => header.name === name))
        fail(`${field} names ${name}, which is not a header of the ${status} response`);
    if (!headers.find((header) => header.name === fileUrlHeader)?.secret)
      fail(`fileUrlHeader names ${fileUrlHeader}, a pre-authenticated URL, which must be x-aidp-secret`);
    return { operationKeyHeader, fileUrlHeader };
  }

  const operations: Record<string, OperationFacts> = {};
  for (const [path, itemNode] of Object.entries(spec.paths as Json)) {
    const item = resolve(itemNode, `paths.${path}`);
    for (const method of METHODS) {
      const node = item[method];
      if (node === undefined) continue;
      const where = `paths.${path}.${method}`;
      const operation = resolve(node, where);
      const operationId = text(operation.operationId);
      if (!operationId) throw new SpecFactsError(`${where}: an operation needs an operationId`);
      if (operations[operationId])
        throw new SpecFactsError(`${where}: operationId ${operationId} is used twice`);
      const parameterNodes = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ];
      const responses = Object.entries(isObject(operation.responses) ? operation.responses : {}).map(
        ([status, response]) => responseOf(status, response, `${where}.responses.${status}`),
      );
      const success = responses.find((response) => response.success);
      if (!success) throw new SpecFactsError(`${where}: an operation needs a 2xx response`);
      const facts: OperationFacts = {
        operationId,
        method: method.toUpperCase(),
        path,
        tags: Array.isArray(operation.tags) ? operation.tags.map(String) : [],
        parameters: parameterNodes.map((parameter, index) =>
          parameterOf(parameter, `${where}.parameters[${index}]`),
        ),
        responses,
        success,
      };
      const summary = text(operation.summary);
      if (summary !== undefined) facts.summary = summary;
      const description = text(operation.description);
      if (description !== undefined) facts.description = description;
      const body = bodyOf(operation.requestBody, `${where}.requestBody`);
      if (body) facts.body = body;
      if (operation["x-aidp-pagination"] !== undefined)
        facts.pagination = paginationOf(operation["x-aidp-pagination"], facts, where);
      if (operation["x-aidp-async-export"] !== undefined)
        facts.asyncExport = asyncExportOf(operation["x-aidp-async-export"], facts, where);
      operations[operationId] = facts;
    }
  }

  const components =
    isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const schemas = Object.fromEntries(
    Object.keys(components).map((name) => {
      const pointer = `#/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      return [name, schemaOf({ $ref: pointer }, `components.schemas.${name}`)];
    }),
  );
  const info = isObject(spec.info) ? spec.info : {};
  return {
    title: text(info.title) ?? "",
    version: text(info.version) ?? "",
    servers: (Array.isArray(spec.servers) ? spec.servers : []).map((server, index) =>
      serverOf(server, index),
    ),
    operations,
    callHeaders,
    schemas,
  };
}

function serverOf(server: unknown, index: number): ServerFacts {
  if (!isObject(server) || typeof server.url !== "string")
    throw new SpecFactsError(`servers[${index}]: a server needs a url`);
  const variables: ServerFacts["variables"] = {};
  for (const [name, variable] of Object.entries(isObject(server.variables) ? server.variables : {})) {
    if (!isObject(variable) || typeof variable.default !== "string")
      throw new SpecFactsError(
        `servers[${index}].variables.${name}: a server variable needs a string default`,
      );
    const facts: ServerFacts["variables"][string] = { default: variable.default };
    if (typeof variable.description === "string") facts.description = variable.description;
    if (Array.isArray(variable.enum)) facts.enum = variable.enum.map(String);
    variables[name] = facts;
  }
  const facts: ServerFacts = { url: server.url, variables };
  if (typeof server.description === "string") facts.description = server.description;
  return facts;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
