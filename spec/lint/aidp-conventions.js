// Redocly plugin: conventions of this API that configurable rules cannot express
// (their `where` narrowing stops at the first level, so "every property of every schema" is out of reach).

/** A node, or its `$ref`'s target. */
function resolveNode(node, ctx) {
  return node?.$ref ? ctx.resolve(node).node : node;
}

/** Every property of an object schema has a description of its own or via its $ref target. */
function propertyDescription() {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          const resolved = resolveNode(property, ctx);
          if (typeof resolved?.description !== "string" || resolved.description.trim() === "") {
            ctx.report({
              message: `Property \`${name}\` has no description.`,
              location: ctx.location.child(["properties", name]).key(),
            });
          }
        }
      },
    },
  };
}

const PAGINATION_FIELDS = ["pageParameter", "pageSizeParameter", "nextPageHeader", "itemsField"];

/** The first 2xx response of an operation as `[status, response]`, its `$ref` resolved. */
function successResponse(operation, ctx) {
  const [status, response] =
    Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [];
  return [status, resolveNode(response, ctx)];
}

/**
 * An operation's object-valued extension `name` with only the `fields` it may have: reported and undefined when
 * it is not an object; each unknown field reported. Undefined without a report when the operation has none.
 */
function extensionObject(operation, name, fields, ctx) {
  const value = operation[name];
  if (value === undefined) return undefined;
  const here = ctx.location.child([name]);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.report({ message: `\`${name}\` must be an object.`, location: here });
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key))
      ctx.report({
        message: `\`${name}\` has no field \`${key}\` (known: ${fields.join(", ")}).`,
        location: here.child([key]).key(),
      });
  }
  return { value, here };
}

/**
 * `x-aidp-pagination` (on an operation) tells clients how it pages: `pageParameter` is one of its query
 * parameters, `pageSizeParameter` an integer query parameter (how many records a page holds at most),
 * `nextPageHeader` a header of its success response, `itemsField` an array property of that response's JSON
 * body. The client, the mock and the CLI read it, so a wrong name must fail here.
 */
function paginationExtension() {
  return {
    Operation: {
      enter(operation, ctx) {
        const found = extensionObject(operation, "x-aidp-pagination", PAGINATION_FIELDS, ctx);
        if (!found) return;
        const { value: pagination, here } = found;
        for (const key of PAGINATION_FIELDS) {
          if (typeof pagination[key] !== "string")
            ctx.report({ message: `\`x-aidp-pagination.${key}\` must be a string.`, location: here });
        }
        const queryParameters = (operation.parameters ?? [])
          .map((parameter) => resolveNode(parameter, ctx))
          .filter((parameter) => parameter?.in === "query");
        const queryNames = queryParameters.map((parameter) => parameter.name);
        if (!queryNames.includes(pagination.pageParameter))
          ctx.report({
            message: `\`x-aidp-pagination.pageParameter\` names \`${pagination.pageParameter}\`, which is not a query parameter of this operation (${queryNames.join(", ") || "none"}).`,
            location: here.child(["pageParameter"]),
          });
        const pageSize = queryParameters.find((parameter) => parameter.name === pagination.pageSizeParameter);
        if (resolveNode(pageSize?.schema, ctx)?.type !== "integer")
          ctx.report({
            message: `\`x-aidp-pagination.pageSizeParameter\` names \`${pagination.pageSizeParameter}\`, which is not an integer query parameter of this operation (${queryNames.join(", ") || "none"}).`,
            location: here.child(["pageSizeParameter"]),
          });
        const [status, success] = successResponse(operation, ctx);
        const headers = Object.keys(success?.headers ?? {});
        if (!headers.includes(pagination.nextPageHeader))
          ctx.report({
            message: `\`x-aidp-pagination.nextPageHeader\` names \`${pagination.nextPageHeader}\`, which is not a header of the ${status ?? "2xx"} response (${headers.join(", ") || "none"}).`,
            location: here.child(["nextPageHeader"]),
          });
        const body = resolveNode(success?.content?.["application/json"]?.schema, ctx);
        const items = resolveNode(body?.properties?.[pagination.itemsField], ctx);
        if (items?.type !== "array")
          ctx.report({
            message: `\`x-aidp-pagination.itemsField\` names \`${pagination.itemsField}\`, which is not an array property of the ${status ?? "2xx"} response body.`,
            location: here.child(["itemsField"]),
          });
      },
    },
  };
}

const ASYNC_EXPORT_FIELDS = ["operationKeyHeader", "fileUrlHeader"];

/**
 * `x-aidp-async-export` (on an operation) says that its success response starts an export and names its two
 * result headers: `operationKeyHeader` carries the key of the asynchronous operation, `fileUrlHeader` the
 * pre-authenticated URL of the file it writes (a bearer secret, so the header must be `x-aidp-secret: true`).
 * The client returns them by these names and the mock writes them, so a wrong name must fail here.
 */
function asyncExportExtension() {
  return {
    Operation: {
      enter(operation, ctx) {
        const found = extensionObject(operation, "x-aidp-async-export", ASYNC_EXPORT_FIELDS, ctx);
        if (!found) return;
        const { value: asyncExport, here } = found;
        const [status, success] = successResponse(operation, ctx);
        const headers = success?.headers ?? {};
        for (const key of ASYNC_EXPORT_FIELDS) {
          const name = asyncExport[key];
          if (typeof name !== "string" || headers[name] === undefined)
            ctx.report({
              message: `\`x-aidp-async-export.${key}\` names \`${name}\`, which is not a header of the ${status ?? "2xx"} response (${Object.keys(headers).join(", ") || "none"}).`,
              location: here.child([key]),
            });
        }
        if (asyncExport.operationKeyHeader === asyncExport.fileUrlHeader)
          ctx.report({
            message: "`x-aidp-async-export` names one header for both the operation key and the file URL.",
            location: here,
          });
        const fileUrl = headers[asyncExport.fileUrlHeader];
        const resolvedFileUrl = resolveNode(fileUrl, ctx);
        if (resolvedFileUrl && resolvedFileUrl["x-aidp-secret"] !== true)
          ctx.report({
            message: `\`x-aidp-async-export.fileUrlHeader\` names \`${asyncExport.fileUrlHeader}\`, a pre-authenticated URL, which must be marked \`x-aidp-secret: true\`.`,
            location: here.child(["fileUrlHeader"]),
          });
      },
    },
  };
}

/** `x-aidp-secret: true` marks a parameter or header whose value must never be logged or shown. */
function secretExtension() {
  const check = (node, ctx) => {
    if (node["x-aidp-secret"] !== undefined && node["x-aidp-secret"] !== true)
      ctx.report({
        message: "`x-aidp-secret` is either `true` or absent.",
        location: ctx.location.child(["x-aidp-secret"]),
      });
  };
  // Only parameters and headers carry values a client logs; anywhere else the extension would do nothing.
  const misplaced = (node, ctx) => {
    if (node["x-aidp-secret"] !== undefined)
      ctx.report({
        message: "`x-aidp-secret` belongs on a parameter or a header; here no tool reads it.",
        location: ctx.location.child(["x-aidp-secret"]),
      });
  };
  return { Parameter: { enter: check }, Header: { enter: check }, Schema: { enter: misplaced } };
}

const CALL_HEADER_ROLES = ["request-id", "retry-token"];

/**
 * `x-aidp-call-header` (on a header parameter) names a header the client fills once per call when the caller
 * gives none, and repeats on every retry: `request-id` (the id support asks for) or `retry-token` (what makes
 * a retried POST safe). The client's transport reads these names from the spec.
 */
function callHeaderExtension() {
  return {
    Parameter: {
      enter(parameter, ctx) {
        const role = parameter["x-aidp-call-header"];
        if (role === undefined) return;
        const here = ctx.location.child(["x-aidp-call-header"]);
        if (!CALL_HEADER_ROLES.includes(role))
          ctx.report({
            message: `\`x-aidp-call-header\` is one of ${CALL_HEADER_ROLES.join(", ")}, not \`${role}\`.`,
            location: here,
          });
        if (parameter.in !== "header")
          ctx.report({ message: "`x-aidp-call-header` belongs on a header parameter.", location: here });
      },
    },
  };
}

/**
 * `x-aidp-not-after: <property>` (on a date-time property) says its value may not be later than that of a
 * sibling date-time property, a rule JSON Schema cannot state. Clients check it before sending.
 */
function notAfterExtension() {
  return {
    Schema: {
      enter(schema, ctx) {
        const properties = schema.properties ?? {};
        for (const [name, property] of Object.entries(properties)) {
          const other = property?.["x-aidp-not-after"];
          if (other === undefined) continue;
          const here = ctx.location.child(["properties", name, "x-aidp-not-after"]);
          const isDateTime = (node) => resolveNode(node, ctx)?.format === "date-time";
          if (typeof other !== "string" || !isDateTime(properties[other]) || !isDateTime(property))
            ctx.report({
              message: `\`x-aidp-not-after\` on \`${name}\` must name another date-time property of this object (${Object.keys(properties).join(", ")}), and \`${name}\` must be a date-time itself.`,
              location: here,
            });
        }
      },
    },
  };
}

export default function aidpConventionsPlugin() {
  return {
    id: "aidp",
    rules: {
      oas3: {
        "property-description": propertyDescription,
        "pagination-extension": paginationExtension,
        "async-export-extension": asyncExportExtension,
        "secret-extension": secretExtension,
        "call-header-extension": callHeaderExtension,
        "not-after-extension": notAfterExtension,
      },
    },
  };
}
