// Every result, structured content and text together, stays under an agent's limit: Claude Code warns above
// 10k tokens and stops at 25k, about 100 kB of JSON. The tools size their answers against RESULT_BUDGET_BYTES;
// the server checks the total once more before it sends anything.
export const MAX_RESULT_BYTES = 100_000;
/** What a tool may fill: room is left for the JSON-RPC envelope and the escaping of the text. */
export const RESULT_BUDGET_BYTES = 80_000;

export const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The size a result takes on the wire: its structured content as JSON plus its text as a JSON string. */
export function resultBytes(structured: unknown, text: string): number {
  return utf8Bytes(JSON.stringify(structured)) + utf8Bytes(JSON.stringify(text));
}
