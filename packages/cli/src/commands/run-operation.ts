// What both commands share: read --body and the flags into the client's input, create the client from the
// connection flags, run the command's work with a Ctrl-C signal and an output sink, and turn any error into
// a Failure (its message, exit code and request id), which main() prints in the form asked for. A failed or
// interrupted command discards its partial output file.
import { AidpAbortError, type AidpClient, createAidpClient, describeSentRequest } from "@aidp/client";
import { readBodyArgument } from "../body-argument.ts";
import { type ConnectionFlags, connectionOptions } from "../connection.ts";
import { describeFailure } from "../describe-failure.ts";
import { UsageError } from "../exit-codes.ts";
import type { Failure } from "../failure.ts";
import { describeInterruptedOutput } from "../interrupted-output.ts";
import { watchInterruption } from "../interruption.ts";
import { buildInput, type OperationId, sourceOfField } from "../operation-input.ts";
import { checkOutputTargets, type OutputTarget } from "../output/output-target.ts";
import type { OutputFormat } from "../output/record-format.ts";
import { type OutputSink, openSink, type SinkOptions } from "../output/sink.ts";

export interface CommandFlags extends ConnectionFlags {
  readonly [flag: string]: unknown;
  body?: string;
  output: OutputFormat;
  outputFile?: string;
  quiet?: boolean;
  query?: string;
  rawOutput?: boolean;
}

export interface OperationRun {
  client: AidpClient;
  input: Record<string, unknown>;
  signal: AbortSignal;
  /** The fetch the client sends with (the connection and read timeouts), for URLs outside the API (the PAR URL). */
  fetch: typeof globalThis.fetch;
  /** Opens the output (standard output or the atomic --output-file); call it once. */
  openOutput(options?: SinkOptions): OutputSink;
  print(line: string): void;
  /** Count records handed to the output, so that an interruption can say what was written. */
  recordsWritten(count: number): void;
  /** What an interruption from here on leaves undone, said after what was written (a wait, a download). */
  undoneIfInterrupted(description: string): void;
}

export async function runOperation(
  operationId: OperationId,
  flags: CommandFlags,
  work: (run: OperationRun) => Promise<void>,
  /** The command's own files besides --output-file, checked before anything is sent. */
  otherTargets: readonly OutputTarget[] = [],
): Promise<Failure | undefined> {
  const print = (line: string) => process.stderr.write(`${line}\n`);
  const interruption = watchInterruption();
  let sink: OutputSink | undefined;
  let records = 0;
  let undone: string | undefined;
  try {
    const body = flags.body === undefined ? undefined : readBodyArgument(flags.body);
    const input = buildInput(operationId, flags, body, process.env);
    checkOutputTargets([["--output-file", flags.outputFile], ...otherTargets]);
    const connection = await connectionOptions(flags, process.env, (line) => print(`aidp debug: ${line}`));
    let client: AidpClient;
    try {
      client = createAidpClient(connection.clientOptions);
    } catch (error) {
      // createAidpClient throws TypeError for a bad endpoint or region: a usage error.
      throw error instanceof TypeError ? new UsageError(error.message) : error;
    }
    const openOutput = (options?: SinkOptions) => {
      sink = openSink(flags.outputFile, options);
      return sink;
    };
    await work({
      client,
      input,
      signal: interruption.signal,
      fetch: connection.fetchOutsideApi,
      openOutput,
      print,
      recordsWritten: (count) => {
        records += count;
      },
      undoneIfInterrupted: (description) => {
        undone = description;
      },
    });
    return undefined;
  } catch (error) {
    sink?.discard();
    if ((error as NodeJS.ErrnoException).code === "EPIPE") return undefined; // the reader has all it wanted
    if (interruption.interrupted || error instanceof AidpAbortError) {
      const written = { records, outputFile: flags.outputFile, committed: sink?.committed ?? false };
      // A request in flight when interrupted: its id, in case the service went on with it.
      const inFlight = error instanceof AidpAbortError ? error : undefined;
      const sent = inFlight ? describeSentRequest(inFlight) : "";
      return {
        exitCode: interruption.exitCode,
        kind: "interrupted",
        lines: [
          `aidp: interrupted${sent ? ` (${sent})` : ""}; ${describeInterruptedOutput({ ...written, format: flags.output })}${undone ? `; ${undone}` : ""}`,
        ],
        opcRequestId: inFlight?.requestId,
        attempt: inFlight?.attempt,
      };
    }
    const sourceOf = (field: string) => sourceOfField(operationId, field, flags, process.env);
    return describeFailure(error, operationId, sourceOf);
  } finally {
    interruption.dispose();
  }
}
