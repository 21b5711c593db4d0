// DownloadClusterLogs as an export: each accepted request gets an async operation key and a PAR URL on the
// mock itself whose path carries an unguessable token; a GET on it returns a placeholder log file once the
// export is ready (at once by default; later with `exportReadyAfterMs` or the request header below), and 404
// before, as Object Storage answers for an object that does not exist yet.
import { randomBytes, randomUUID } from "node:crypto";

/** `DownloadClusterLogsDetails`, already checked by Prism. */
export interface ExportDetails {
  logContentTypeContains: string;
  timeBegin: string;
  timeEnd: string;
  logLevel?: string;
  logStreamTypeContains?: string;
  subjectContains?: string;
  thread?: string;
  executionContextId?: string;
  eventType?: string;
  [other: string]: unknown;
}

interface ClusterLogExport {
  clusterKey: string;
  details: ExportDetails;
  fileName: string;
  /** When the log file appears behind the PAR URL (the mock's clock, ms since the epoch). */
  readyAt: number;
}

/** PAR paths look like Object Storage's: /p/<token>/n/<namespace>/b/<bucket>/o/<object>. */
export const PAR_PREFIX = "/p/";
/** Per request: how long (ms) this export takes before its log file is ready; overrides `exportReadyAfterMs`. */
export const EXPORT_READY_AFTER_HEADER = "x-aidp-mock-export-ready-after";
/** The longest delay the option or the header may ask for: one hour. */
export const MAX_EXPORT_READY_AFTER_MS = 3_600_000;
const LINES = 20;

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
}

export class ClusterLogExports {
  private readonly exports = new Map<string, ClusterLogExport>();
  constructor(private readonly options: ClusterLogExportsOptions) {}

  start(
    clusterKey: string,
    details: ExportDetails,
    readyAfterMs = this.options.readyAfterMs,
  ): { asyncOperationKey: string; parPath: string } {
    const token = randomBytes(24).toString("base64url");
    const day = details.timeBegin.slice(0, 10);
    const fileName = `${details.logContentTypeContains}-${day}.log`;
    const readyAt = this.options.now() + readyAfterMs;
    this.exports.set(token, { clusterKey, details, fileName, readyAt });
    const objectName = `${encodeURIComponent(clusterKey)}/${encodeURIComponent(fileName)}`;
    return {
      asyncOperationKey: randomUUID(),
      parPath: `${PAR_PREFIX}${token}/n/aidp-mock/b/cluster-logs/o/${objectName}`,
    };
  }

  /** The placeholder log file of a PAR path, once its export is ready. */
  logFile(path: string): LogFileLookup {
    const token = path.slice(PAR_PREFIX.length).split("/")[0] ?? "";
    const found = this.exports.get(token);
    if (!found) return { kind: "unknown" };
    if (this.options.now() < found.readyAt) return { kind: "pending" };
    return { kind: "ready", text: placeholderLog(found) };
  }

  reset(): void {
    this.exports.clear();
  }
}

/** Lines spread evenly over the requested window, carrying the request's filters. Placeholder content. */
function placeholderLog({ clusterKey, details }: ClusterLogExport): string {
  const begin = Date.parse(details.timeBegin);
  const end = Date.parse(details.timeEnd);
  const level = details.logLevel ?? "INFO";
  const subject = details.subjectContains ?? details.logContentTypeContains;
  const stream = details.logStreamTypeContains ?? "stdout";
  const lines = [
    `# aidp-mock placeholder log: cluster ${clusterKey}, ${details.logContentTypeContains}, ${details.timeBegin} to ${details.timeEnd}`,
  ];
  for (let i = 0; i < LINES; i++) {
    const time = new Date(begin + Math.floor(((end - begin) * i) / LINES)).toISOString();
    const context = details.executionContextId ? ` [${details.executionContextId}]` : "";
    const event = details.eventType ? ` ${details.eventType}` : "";
    lines.push(
      `${time} ${level} ${subject} ${stream}${context}${event} ${details.thread ?? "main"}: placeholder line ${i + 1} of ${LINES}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
