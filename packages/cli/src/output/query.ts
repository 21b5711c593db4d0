// `--query EXPRESSION`, the OCI CLI's JMESPath filter of the JSON output, and `--raw-output`, which prints a
// string result bare (no quotes) for shell scripts. The expression is compiled before anything is sent, so a
// typo costs no request. JMESPath needs the whole document: with --query the output is built in memory, as the
// OCI CLI does, and printed at the end.
import { UsageError } from "../exit-codes.ts";

export interface OutputQuery {
  /** The text to print for `document`: the query's result as JSON, or bare when it is a string and raw. */
  render(document: unknown): string;
}

export async function compileQuery(
  expression: string | undefined,
  rawOutput: boolean | undefined,
  format: string,
): Promise<OutputQuery | undefined> {
  if (expression === undefined) return undefined;
  if (format !== "json")
    throw new UsageError(
      `--query filters the JSON output: use it with --output json (the default), not ${format}`,
    );
  const { compile, search } = await import("@jmespath-community/jmespath");
  // A long expression is shown by its start: the message is for finding it, not for echoing it whole.
  const shown = expression.length > 120 ? `${expression.slice(0, 120)}…` : expression;
  try {
    compile(expression);
  } catch (error) {
    throw new UsageError(`--query "${shown}" is not a JMESPath expression: ${(error as Error).message}`);
  }
  return {
    render(document) {
      let result: unknown;
      try {
        result = search(document as Parameters<typeof search>[0], expression);
      } catch (error) {
        // A type error of a function (contains() of a number, sort_by() of a missing field) shows only on the data.
        throw new Error(`--query "${shown}" failed on the answer: ${(error as Error).message}`);
      }
      if (rawOutput && typeof result === "string") return `${result}\n`;
      return `${JSON.stringify(result, null, 2)}\n`;
    },
  };
}
