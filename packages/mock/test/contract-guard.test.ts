// The guard every answer passes before it leaves: Prism, fed the bundled spec, finds what breaks it. (An answer
// it refuses becomes a 500 and an "aidp-mock bug" log line, which fails the HTTP test files.)
import { describe, expect, it } from "vitest";
import { bundledSpecJsonPath } from "../src/bundled-spec.ts";
import { loadContractGuard } from "../src/contract-guard.ts";

const guard = await loadContractGuard(bundledSpecJsonPath);
const search = guard.operations.find((operation) => operation.iid === "searchAuditLogs");
if (!search) throw new Error("no searchAuditLogs in the bundle");
const json = { "content-type": "application/json" };

describe("the response guard", () => {
  it("accepts a page the spec allows", () => {
    expect(guard.checkResponse(search, { statusCode: 200, headers: json, body: { items: [] } })).toEqual([]);
  });

  it.each([
    ["an enum value the spec does not list", { items: [{ status: "MAYBE" }] }, "body field items.0.status"],
    ["a property the schema does not have", { items: [{ colour: "red" }] }, "body field items.0.colour"],
    ["a missing required property", {}, "body field items"],
  ])("names the field of %s", (_name, body, field) => {
    const violations = guard.checkResponse(search, { statusCode: 200, headers: json, body });
    expect(violations.map((violation) => violation.field)).toContain(field);
  });

  it("refuses an Error body without its message", () => {
    const violations = guard.checkResponse(search, { statusCode: 400, headers: json, body: { code: "X" } });
    expect(violations).toEqual([{ field: "body field message", rule: "is required" }]);
  });
});
