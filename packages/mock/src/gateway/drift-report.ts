// The gateway's drift report: how many requests went through, each distinct violation (operation, direction,
// status, location, rule) with a count and the first opc-request-id that showed it, and the upstream failures.
// Served while running, written as JSON on stop, summed up in words at exit. Memory is bounded: past
// MAX_ENTRIES distinct violations, new ones are only counted.
import { accessSync, constants, existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Direction, Finding } from "./drift-finding.ts";

export interface DriftViolation {
  /** The operation (`searchAuditLogs`), or null for a request that matches no operation. */
  operationId: string | null;
  direction: Direction;
  /** The answer's status (for a request violation, the status the upstream then answered), or null. */
  status: number | null;
  /** Where: `body.items[].objectType`, `header opc-next-page`, `query limit`, `status`. */
  location: string;
  rule: string;
  /** How many requests or answers broke it. */
  count: number;
  /** The opc-request-id of the first exchange that broke it (the upstream's, else the caller's). */
  firstRequestId: string | null;
}

export interface UpstreamFailureEntry {
  operationId: string | null;
  /** In words: `connecting to HOST:PORT: connection refused: ...`, `TLS handshake with ...`, `timeout: ...`. */
  cause: string;
  count: number;
  firstRequestId: string | null;
}

export interface DriftReport {
  /** The service the gateway forwarded to. */
  upstream: string;
  /** Requests the gateway forwarded (or tried to). */
  requests: number;
  violations: DriftViolation[];
  upstreamFailures: UpstreamFailureEntry[];
  /** Distinct violations past the report's cap, counted but not listed (0 unless the upstream is very odd). */
  unlistedViolations: number;
}

const MAX_ENTRIES = 1_000;

export class DriftLedger {
  private requests = 0;
  private readonly violations = new Map<string, DriftViolation>();
  private readonly failures = new Map<string, UpstreamFailureEntry>();
  private unlisted = 0;

  constructor(private readonly upstream: string) {}

  countRequest(): void {
    this.requests += 1;
  }

  addFindings(
    exchange: { operationId: string | null; status: number | null; requestId: string | null },
    findings: Finding[],
  ): void {
    for (const finding of findings) {
      const key = JSON.stringify([
        exchange.operationId,
        finding.direction,
        exchange.status,
        finding.location,
        finding.rule,
      ]);
      const known = this.violations.get(key);
      if (known) {
        known.count += 1;
      } else if (this.violations.size >= MAX_ENTRIES) {
        this.unlisted += 1;
      } else {
        this.violations.set(key, {
          operationId: exchange.operationId,
          direction: finding.direction,
          status: exchange.status,
          location: finding.location,
          rule: finding.rule,
          count: 1,
          firstRequestId: exchange.requestId,
        });
      }
    }
  }

  addFailure(operationId: string | null, cause: string, requestId: string | null): void {
    // The cause's kind (before the colon) groups failures; the first cause in full is kept.
    const key = JSON.stringify([operationId, cause.split(":")[0]]);
    const known = this.failures.get(key);
    if (known) known.count += 1;
    else if (this.failures.size < MAX_ENTRIES) {
      this.failures.set(key, { operationId, cause, count: 1, firstRequestId: requestId });
    }
  }

  report(): DriftReport {
    return {
      upstream: this.upstream,
      requests: this.requests,
      violations: [...this.violations.values()].map((violation) => ({ ...violation })),
      upstreamFailures: [...this.failures.values()].map((failure) => ({ ...failure })),
      unlistedViolations: this.unlisted,
    };
  }
}

/** Whether the report shows anything wrong (what `--fail-on-drift` fails on). */
export function hasDrift(report: DriftReport): boolean {
  return report.violations.length > 0 || report.unlistedViolations > 0 || report.upstreamFailures.length > 0;
}

/** A few lines for standard error at exit. */
export function summarizeDriftReport(report: DriftReport): string {
  const violationCount = report.violations.reduce((sum, violation) => sum + violation.count, 0);
  const failureCount = report.upstreamFailures.reduce((sum, failure) => sum + failure.count, 0);
  const lines = [
    `Drift report: ${report.requests} request${report.requests === 1 ? "" : "s"} to ${report.upstream}, ` +
      `${report.violations.length + report.unlistedViolations} distinct violation${report.violations.length === 1 ? "" : "s"} ` +
      `(${violationCount} in all), ${failureCount} upstream failure${failureCount === 1 ? "" : "s"}.`,
  ];
  for (const violation of report.violations.slice(0, 20)) {
    lines.push(
      `  ${violation.operationId ?? "(no operation)"} ${violation.direction} ${violation.status ?? "-"} ` +
        `${violation.location} ${violation.rule} (x${violation.count})`,
    );
  }
  if (report.violations.length > 20)
    lines.push(`  ... and ${report.violations.length - 20} more in the report`);
  for (const failure of report.upstreamFailures) {
    lines.push(
      `  ${failure.operationId ?? "(no operation)"} upstream failure: ${failure.cause} (x${failure.count})`,
    );
  }
  return lines.join("\n");
}

/** Writes the report whole (a reader never sees half a file), readable by its owner only. */
/**
 * Why the drift report could not be written to `file` when the gateway stops, undefined when it can be: checked at
 * start, so that a CI step learns of a wrong path before its tests run, not after (when it can no longer fix it).
 */
export function driftReportPathProblem(file: string): string | undefined {
  const folder = dirname(resolve(file));
  if (existsSync(file) && statSync(file).isDirectory()) return `${file} is a folder; give a file name`;
  try {
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? `the folder ${folder} does not exist`
      : `the folder ${folder} cannot be written (${code})`;
  }
}

export function writeDriftReport(file: string, report: DriftReport): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
