// Input and result types of the client's calls, derived from the generated spec types and request
// rules so that names, optionality and date-time fields follow the spec.
import type { operations } from "@aidp/types";
import type { requestRules } from "./generated/request-rules.js";
import type { CallOptions } from "./options.js";
import type { ValueRules } from "./request-validation.js";

export type OperationId = keyof typeof requestRules & keyof operations;

export interface OperationRules {
  readonly method: string;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, ValueRules>>;
  readonly queryParameters: Readonly<Record<string, ValueRules>>;
  readonly headerParameters: Readonly<Record<string, ValueRules>>;
  readonly body: (ValueRules & { readonly required: readonly string[] }) | null;
}

/** `opc-request-id` → `opcRequestId`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

type BodyRules<Op extends OperationId> = (typeof requestRules)[Op]["body"];
type DateTimeFields<Op extends OperationId> = {
  [K in keyof BodyRules<Op>["properties"]]: BodyRules<Op>["properties"][K] extends { format: "date-time" }
    ? K
    : never;
}[keyof BodyRules<Op>["properties"]];

/** Date-time fields also take a Date; both are sent as RFC 3339 in UTC. */
type WithDateInputs<T, Keys> = { [K in keyof T]: K extends Keys ? T[K] | Date : T[K] };

type RequestBody<Op extends OperationId> = operations[Op]["requestBody"] extends {
  content: { "application/json": infer B };
}
  ? B
  : never;
export type DetailsInput<Op extends OperationId> = WithDateInputs<RequestBody<Op>, DateTimeFields<Op>>;

type Parameters<Op extends OperationId> = operations[Op]["parameters"];
/** openapi-typescript types an absent parameter group as `never`; it adds nothing to the input. */
type Group<T> = [NonNullable<T>] extends [never] ? unknown : NonNullable<T>;
type ParameterInputs<Op extends OperationId> = Group<Parameters<Op>["path"]> &
  Group<Parameters<Op>["query"]> &
  CamelKeys<Group<Parameters<Op>["header"]>>;

/** The input of one operation: its parameters (header names in camelCase), `details` for the body, and call options. */
export type OperationInput<Op extends OperationId> = ParameterInputs<Op> &
  CallOptions &
  (Partial<RequestBody<Op>> extends RequestBody<Op>
    ? { details?: DetailsInput<Op> }
    : { details: DetailsInput<Op> });
