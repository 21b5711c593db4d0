// DownloadClusterLogs as an export: each accepted request gets an async operation key and a PAR URL on the
// mock itself whose path carries an unguessable token; a GET on it returns a placeholder log file.
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
}

/** PAR paths look like Object Storage's: /p/<token>/n/<namespace>/b/<bucket>/o/<object>. */
export const PAR_PREFIX = "/p/";
const LINES = 20;

export class ClusterLogExports {
  private readonly exports = new Map<string, ClusterLogExport>();

  start(clusterKey: string, details: ExportDetails): { asyncOperationKey: string; parPath: string } {
    const token = randomBytes(24).toString("base64url");
    const day = details.timeBegin.slice(0, 10);
    const fileName = `${details.logContentTypeContains}-${day}.log`;
    this.exports.set(token, { clusterKey, details, fileName });
    const objectName = `${encodeURIComponent(clusterKey)}/${encodeURIComponent(fileName)}`;
    return {
      asyncOperationKey: randomUUID(),
      parPath: `${PAR_PREFIX}${token}/n/aidp-mock/b/cluster-logs/o/${objectName}`,
    };
  }

  /** The placeholder log file of a PAR path, or undefined when no export has that token. */
  logFile(path: string): string | undefined {
    const token = path.slice(PAR_PREFIX.length).split("/")[0] ?? "";
    const found = this.exports.get(token);
    return found && placeholderLog(found);
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
