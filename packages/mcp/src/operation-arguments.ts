// A tool's arguments, generated from one operation of the spec's facts: its path and query parameters and its
// body's fields, all at the top level (an agent fills flat arguments better than a nested `details`), each with
// the spec's description and constraints. Header parameters are left out: the client fills the request id and
// retry token itself. A date-time field also takes the command line's relative forms (`24h`).
import { AidpValidationError, RELATIVE_TIME_HELP, resolveRelativeTime } from "@aidp/client";
import { inputName, type OperationFacts, type SchemaFacts } from "@aidp/spec/facts";

/** One argument's JSON Schema: a plain type, never a union, always described. */
export interface ArgumentSchema {
  type: string;
  description: string;
  enum?: readonly (string | number)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: string | number;
}

/** A tool's input schema: an object at the root, every property described, nothing else accepted. */
export interface ToolInputSchema {
  type: "object";
  properties: Record<string, ArgumentSchema>;
  required: string[];
  additionalProperties: false;
}

export interface OperationArguments {
  /** The tool's input schema: these arguments and nothing else. */
  inputSchema: ToolInputSchema;
  /** The client call's input: parameters by their input name, body fields under `details`, relative times resolved. */
  clientInput(args: Readonly<Record<string, unknown>>, now?: number): Record<string, unknown>;
  /** The argument a client validation issue is about: `details.timeBegin` → `timeBegin`. */
  argumentOf(field: string): string;
}

export interface OperationArgumentOptions {
  /** Parameters given by the server's configuration (`--instance-id`), not by the model. */
  fixed?: Readonly<Record<string, string>>;
  /** Overrides of an argument's default, with the reason appended to its description. */
  defaults?: Readonly<Record<string, { value: number | string; why: string }>>;
}

const BODY_FIELD = "details";
const CONSTRAINTS = ["enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "default"] as const;

export function operationArguments(
  operation: OperationFacts,
  options: OperationArgumentOptions = {},
): OperationArguments {
  const fixed = options.fixed ?? {};
  const properties: Record<string, ArgumentSchema> = {};
  const required: string[] = [];
  const parameterNames = new Set<string>();
  const dateTimes = new Set<string>();
  const add = (name: string, schema: SchemaFacts, description: string | undefined, isRequired: boolean) => {
    if (properties[name])
      throw new Error(
        `${operation.operationId}: two arguments would be called ${name}; the tool cannot flatten them`,
      );
    if (!description)
      throw new Error(
        `${operation.operationId}: ${name} has no description in the spec; every tool argument needs one`,
      );
    properties[name] = argumentSchema(schema, description, options.defaults?.[name]);
    if (schema.format === "date-time") dateTimes.add(name);
    if (isRequired) required.push(name);
  };
  for (const parameter of operation.parameters) {
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    const name = inputName(parameter.name);
    if (name in fixed) continue;
    parameterNames.add(name);
    add(name, parameter.schema, parameter.description ?? parameter.schema.description, parameter.required);
  }
  for (const field of operation.body?.fields ?? [])
    add(field.name, field.schema, field.schema.description, field.required);

  return {
    inputSchema: { type: "object", properties, required, additionalProperties: false },
    clientInput(args, now = Date.now()) {
      const input: Record<string, unknown> = { ...fixed };
      const details: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(args)) {
        if (!Object.hasOwn(properties, name) || value === undefined) continue;
        const resolved =
          dateTimes.has(name) && typeof value === "string" ? resolveRelativeTime(value, now) : value;
        if (parameterNames.has(name)) input[name] = resolved;
        else details[name] = resolved;
      }
      if (operation.body) input[BODY_FIELD] = details;
      return input;
    },
    argumentOf: (field) => field.replace(new RegExp(`^${BODY_FIELD}\\.`), ""),
  };
}

function argumentSchema(
  schema: SchemaFacts,
  description: string,
  override: { value: number | string; why: string } | undefined,
): ArgumentSchema {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  // A date-time argument is a string without `format`: relative forms such as 24h are valid too.
  const text =
    schema.format === "date-time" ? `${description.trim()} ${RELATIVE_TIME_HELP}.` : description.trim();
  const argument: ArgumentSchema = { type: type ?? "string", description: text };
  for (const keyword of CONSTRAINTS)
    if (schema[keyword] !== undefined)
      (argument as unknown as Record<string, unknown>)[keyword] = schema[keyword];
  if (override) {
    argument.default = override.value;
    argument.description = `${argument.description} Default here: ${override.value} (${override.why}).`;
  }
  return argument;
}

/**
 * The argument names a tool does not have: the SDK is told to accept any object, so that every rule is checked
 * here and by the client, and the error names the argument the way the tool's schema does.
 */
export function checkArgumentNames(
  tool: string,
  schema: ToolInputSchema,
  args: Readonly<Record<string, unknown>>,
) {
  // Own properties only: every object inherits `constructor` and `toString`, which are no tool's arguments.
  const unknown = Object.keys(args).filter((name) => !Object.hasOwn(schema.properties, name));
  const missing = schema.required.filter((name) => args[name] === undefined);
  const issues = [
    ...unknown.map((field) => ({
      field,
      rule: "additionalProperties",
      expected: `an argument of ${tool} (one of ${Object.keys(schema.properties).join(", ")})`,
      value: "(not shown)",
    })),
    ...missing.map((field) => ({
      field,
      rule: "required",
      expected: "a value (this argument is required)",
      value: "undefined",
    })),
  ];
  if (issues.length > 0) throw new AidpValidationError(tool, issues);
}
