// DownloadClusterLogs as an export: each accepted request gets an async operation key and a PAR URL on the
// mock itself whose path carries an unguessable token; a GET on it returns a placeholder log file once the
// export is ready (at once by default; later with `exportReadyAfterMs` or the request header below), and 404
// before, as Object Storage answers for an object that does not exist yet. Memory is bounded: at most
// MAX_EXPORTS exports are kept (the oldest goes first), each with its string fields cut to MAX_FIELD_CHARS.
// The placeholder knows the request only as the spec's facts describe it: its path parameters, its time window
// (the body's `x-aidp-not-after` pair) and its other fields, in the spec's order.

import { randomBytes, randomUUID } from "node:crypto";
import { BoundedStore } from "./bounded-store.ts";
import { instantOf } from "./instant.ts";
import type { ExportFacts } from "./spec-facts.ts";

/** The body of the export request, already checked by Prism. */
export type ExportDetails = Readonly<Record<string, unknown>>;

interface ClusterLogExport {
  /** The request's path parameters (name → value), cut short. */
  path: Record<string, string>;
  details: Record<string, unknown>;
  /** When the log file appears behind the PAR URL (the mock's clock, ms since the epoch). */
  readyAt: number;
}

/** PAR paths look like Object Storage's: /p/<token>/n/<namespace>/b/<bucket>/o/<object>. */
export const PAR_PREFIX = "/p/";
/** Per request: how long (ms) this export takes before its log file is ready; overrides `exportReadyAfterMs`. */
export const EXPORT_READY_AFTER_HEADER = "x-aidp-mock-export-ready-after";
/** The longest delay the option or the header may ask for: one hour. */
export const MAX_EXPORT_READY_AFTER_MS = 3_600_000;
/** How many exports the mock keeps at most; beyond, the oldest export's PAR URL answers 404. */
export const MAX_EXPORTS = 10_000;
/** The placeholder log carries at most this many characters of each request field (and 64 in its name). */
export const MAX_FIELD_CHARS = 200;
const MAX_FILE_NAME_FIELD_CHARS = 64;
const LINES = 20;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export class ExportDelayError extends Error {}

/** Reads the delay header: a whole number of milliseconds up to {@link MAX_EXPORT_READY_AFTER_MS}. */
export function parseExportDelayHeader(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_EXPORT_READY_AFTER_MS) {
    throw new ExportDelayError(
      `header ${EXPORT_READY_AFTER_HEADER} must be a whole number of milliseconds from 0 to ${MAX_EXPORT_READY_AFTER_MS}`,
    );
  }
  return Number(value);
}

/** What is behind a PAR path: the log file, not yet (the export is still running), or nothing. */
export type LogFileLookup = { kind: "ready"; text: string } | { kind: "pending" } | { kind: "unknown" };

export interface ClusterLogExportsOptions {
  /** How long a new export takes before its log file is ready, unless its request says. */
  readyAfterMs: number;
  /** The mock's clock (ms since the epoch). */
  now: () => number;
  /** The export operation as the spec describes it: its time window and its body's fields, in order. */
  facts: ExportFacts;
}

export class ClusterLogExports {
  private readonly exports: BoundedStore<ClusterLogExport>;
  constructor(private readonly options: ClusterLogExportsOptions) {
    this.exports = new BoundedStore({ maxEntries: MAX_EXPORTS, now: options.now });
  }

  /** Starts the export of the request with these path parameters and body. */
  start(
    path: Readonly<Record<string, string>>,
    details: ExportDetails,
    readyAfterMs = this.options.readyAfterMs,
  ): { asyncOperationKey: string; parPath: string } {
    const token = randomBytes(24).toString("base64url");
    const begin = details[this.options.facts.window.from];
    const day = typeof begin === "string" ? begin.slice(0, 10) : "undated";
    const readyAt = this.options.now() + readyAfterMs;
    this.exports.set(token, { path: keptFields(path), details: keptFields(details), readyAt });
    // Object Storage's object name: one folder per path parameter (platform, workspace, cluster), then the day.
    const folders = Object.values(path).map((value) =>
      encodeURIComponent(cut(value, MAX_FILE_NAME_FIELD_CHARS)),
    );
    return {
      asyncOperationKey: randomUUID(),
      parPath: `${PAR_PREFIX}${token}/n/aidp-mock/b/cluster-logs/o/${[...folders, `${day}.log`].join("/")}`,
    };
  }

  /** The placeholder log file of a PAR path, once its export is ready. */
  logFile(path: string): LogFileLookup {
    const token = path.slice(PAR_PREFIX.length).split("/")[0] ?? "";
    const found = this.exports.get(token);
    if (!found) return { kind: "unknown" };
    if (this.options.now() < found.readyAt) return { kind: "pending" };
    return { kind: "ready", text: placeholderLog(found, this.options.facts) };
  }

  get size(): number {
    return this.exports.size;
  }

  reset(): void {
    this.exports.clear();
  }
}

/**
 * At most `max` characters, well-formed (a lone surrogate, valid in JSON, becomes U+FFFD): such text can be
 * percent-encoded into the PAR URL and written out as UTF-8.
 */
function cut(text: string, max: number): string {
  const wellFormed = text.replace(LONE_SURROGATE, "\uFFFD");
  if (wellFormed.length <= max) return wellFormed;
  const end = /[\uD800-\uDBFF]/.test(wellFormed[max - 1] ?? "") ? max - 1 : max; // do not split a pair
  // A copy, not a slice: V8 keeps the whole 1 MB string alive behind a slice of it.
  return JSON.parse(JSON.stringify(wellFormed.slice(0, end))) as string;
}

/** The request's fields as the placeholder log uses them: strings cut to MAX_FIELD_CHARS. */
function keptFields<Value>(fields: Readonly<Record<string, Value>>): Record<string, Value> {
  const kept: Record<string, Value> = {};
  for (const [name, value] of Object.entries(fields)) {
    kept[name] = (typeof value === "string" ? cut(value, MAX_FIELD_CHARS) : value) as Value;
  }
  return kept;
}

/** Lines spread evenly over the requested window, each carrying the request's other fields. Placeholder content. */
function placeholderLog(
  { path, details }: ClusterLogExport,
  { window, details: schema }: ExportFacts,
): string {
  const fields = Object.keys(schema.properties ?? {});
  const from = String(details[window.from]);
  const to = String(details[window.to]);
  const begin = instantOf(from);
  const end = instantOf(to);
  const named = (entries: [string, unknown][]) =>
    entries.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${value}`);
  const given = named(
    fields.filter((name) => name !== window.from && name !== window.to).map((name) => [name, details[name]]),
  ).join(" ");
  const lines = [`# aidp-mock placeholder log: ${named(Object.entries(path)).join(" ")}, ${from} to ${to}`];
  for (let i = 0; i < LINES; i++) {
    const time = new Date(begin + Math.floor(((end - begin) * i) / LINES)).toISOString();
    lines.push(`${time} ${given}: placeholder line ${i + 1} of ${LINES}`);
  }
  return `${lines.join("\n")}\n`;
}
