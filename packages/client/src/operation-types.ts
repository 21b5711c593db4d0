// The types of the client's calls, derived from the generated spec types (@aidp/types) and the operation facts
// generated from the same bundle, so that names, optionality, date-time fields and response headers follow the
// spec.
import type { operations } from "@aidp/types";
import type { operationFacts, successFacts } from "./generated/operations.js";
import type { ValueRules } from "./request-validation.js";

export type OperationId = keyof typeof operationFacts & keyof operations;

/** A parameter as the generated facts describe it: where it goes, its wire name and its constraints. */
export interface ParameterFacts extends ValueRules {
  readonly in: "path" | "query" | "header";
  /** The wire name, when it is not the input name (`opc-request-id` for `opcRequestId`). */
  readonly name?: string;
  readonly required?: boolean;
  /** `x-aidp-secret`: the value is never shown in an error or a log line. */
  readonly secret?: boolean;
}

/** How a paginated operation pages (`x-aidp-pagination` in the spec), as far as the client reads it. */
export interface PaginationFacts {
  readonly pageParameter: string;
  readonly nextPageHeader: string;
  readonly itemsField: string;
}

/**
 * What the client knows of one operation to send it, generated from the spec into ./generated/operations.ts (its
 * success facts are a constant apart: `<operationId>Success`).
 */
export interface OperationFacts {
  readonly method: string;
  readonly path: string;
  /** Keyed by input name: `opcRequestId` for the `opc-request-id` header. */
  readonly parameters: Readonly<Record<string, ParameterFacts>>;
  readonly body: (ValueRules & { readonly required: readonly string[] }) | null;
  readonly pagination?: PaginationFacts;
  /** Which success headers locate an export the operation starts (`x-aidp-async-export` in the spec). */
  readonly asyncExport?: { readonly operationKeyHeader: string; readonly fileUrlHeader: string };
}

/** `opc-request-id` → `opcRequestId`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

type BodyRules<Op extends OperationId> = (typeof operationFacts)[Op]["body"];
type DateTimeFields<Op extends OperationId> = {
  [K in keyof BodyRules<Op>["properties"]]: BodyRules<Op>["properties"][K] extends { format: "date-time" }
    ? K
    : never;
}[keyof BodyRules<Op>["properties"]];

/** Date-time fields also take a Date; both are sent as RFC 3339 in UTC. */
type WithDateInputs<T, Keys> = { [K in keyof T]: K extends Keys ? T[K] | Date : T[K] };

export type RequestBody<Op extends OperationId> = operations[Op]["requestBody"] extends {
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

/** The input of one operation: its parameters (header names in camelCase) and `details` for the body. */
export type OperationInput<Op extends OperationId> = ParameterInputs<Op> &
  (Partial<RequestBody<Op>> extends RequestBody<Op>
    ? { details?: DetailsInput<Op> }
    : { details: DetailsInput<Op> });

/** The headers of an operation's success response, as @aidp/types types them (optional unless always sent). */
export type SuccessHeaders<Op extends OperationId> = operations[Op]["responses"] extends infer Responses
  ? (typeof successFacts)[Op]["status"] extends infer Status extends keyof Responses
    ? Responses[Status] extends { headers: infer Headers }
      ? Headers
      : never
    : never
  : never;
