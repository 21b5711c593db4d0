// The drift report's bookkeeping: one entry per distinct violation with a count and the first request id, a cap
// on distinct entries (memory stays bounded however odd the upstream), and what --fail-on-drift fails on.
import { describe, expect, it } from "vitest";
import { DriftLedger, hasDrift, summarizeDriftReport } from "../src/gateway/drift-report.ts";

const exchange = (requestId: string) => ({ operationId: "searchAuditLogs", status: 200, requestId });
const finding = (location: string) => ({ direction: "response" as const, location, rule: "is not allowed" });

describe("the drift ledger", () => {
  it("counts a repeated violation once, with the first request id", () => {
    const ledger = new DriftLedger("https://upstream.example.test");
    ledger.countRequest();
    ledger.addFindings(exchange("A"), [finding("body.extra")]);
    ledger.countRequest();
    ledger.addFindings(exchange("B"), [finding("body.extra")]);
    const report = ledger.report();
    expect(report.requests).toBe(2);
    expect(report.violations).toEqual([
      {
        operationId: "searchAuditLogs",
        direction: "response",
        status: 200,
        location: "body.extra",
        rule: "is not allowed",
        count: 2,
        firstRequestId: "A",
      },
    ]);
    expect(hasDrift(report)).toBe(true);
    expect(summarizeDriftReport(report)).toContain("1 distinct violation (2 in all)");
  });

  it("lists at most 1,000 distinct violations and counts the rest", () => {
    const ledger = new DriftLedger("https://upstream.example.test");
    for (let index = 0; index <= 1_000; index++)
      ledger.addFindings(exchange("A"), [finding(`body.extra${index}`)]);
    const report = ledger.report();
    expect(report.violations).toHaveLength(1_000);
    expect(report.unlistedViolations).toBe(1);
  });

  it("fails on an upstream failure too, and not on a clean run", () => {
    const ledger = new DriftLedger("https://upstream.example.test");
    expect(hasDrift(ledger.report())).toBe(false);
    ledger.addFailure("searchAuditLogs", "connection refused: nothing accepts connections", "A");
    ledger.addFailure("searchAuditLogs", "connection refused: again", "B");
    expect(ledger.report().upstreamFailures).toEqual([
      {
        operationId: "searchAuditLogs",
        cause: "connection refused: nothing accepts connections",
        count: 2,
        firstRequestId: "A",
      },
    ]);
    expect(hasDrift(ledger.report())).toBe(true);
  });
});
