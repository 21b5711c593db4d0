// What the stateful layer answers before it is written out: a status, headers and a JSON body, so that Prism
// can check it as a whole before it leaves.
import type { SpecFacts } from "./spec-facts.ts";

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON body (the API's answers), or... */
  body?: unknown;
  /** ...a text body (the placeholder log file behind a PAR URL), or the JSON body's text once Prism checked it. */
  text?: string;
}

/** The API's `Error` body, with the code the spec's example gives this status (or its `default`). */
export function apiError(
  facts: SpecFacts,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code: string = facts.errorCode(status),
): MockResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: { code, message },
  };
}
