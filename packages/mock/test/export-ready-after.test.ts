// A log export can take a while, as the service's does: with `exportReadyAfterMs` (or the request header
// x-aidp-mock-export-ready-after) its PAR URL answers 404 until then, as Object Storage does for an object not
// written yet, and the log file after. The mock's clock is injected, so the test moves time instead of waiting.
import { describe, expect, it } from "vitest";
import { call, requestIdPattern, schemaErrors, useStatefulMock } from "./support.ts";

let clock = Date.parse("2026-12-01T00:00:00Z");
const mock = useStatefulMock({ exportReadyAfterMs: 5_000, now: () => clock });

async function startExport(headers: Record<string, string> = {}): Promise<string> {
  const response = await call(mock.url, "downloadClusterLogs", { headers });
  expect(response.status).toBe(202);
  return response.headers.get("datalake-cluster-log-par-url") as string;
}

describe("exports ready after a delay", () => {
  it("the PAR URL answers 404 with an Error body until exportReadyAfterMs has passed, then the log file", async () => {
    const parUrl = await startExport();
    const early = await fetch(parUrl);
    expect(early.status).toBe(404);
    expect(schemaErrors("Error", await early.json())).toBe("");
    expect(early.headers.get("opc-request-id")).toMatch(requestIdPattern);

    clock += 4_999;
    expect((await fetch(parUrl)).status).toBe(404);
    clock += 1;
    const ready = await fetch(parUrl);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain("placeholder");
  });

  it.each([
    ["0", 0],
    ["60000", 60_000],
  ])("x-aidp-mock-export-ready-after: %s sets this export's delay", async (header, delayMs) => {
    const parUrl = await startExport({ "x-aidp-mock-export-ready-after": header });
    clock += delayMs - 1;
    if (delayMs > 0) expect((await fetch(parUrl)).status).toBe(404);
    clock += 1;
    expect((await fetch(parUrl)).status).toBe(200);
  });

  it.each(["soon", "-1", "1.5", "", "3600001"])(
    "x-aidp-mock-export-ready-after: %j gets a 400 naming the header and its rule",
    async (header) => {
      const response = await call(mock.url, "downloadClusterLogs", {
        headers: { "x-aidp-mock-export-ready-after": header },
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        code: "InvalidParameter",
        message:
          "header x-aidp-mock-export-ready-after must be a whole number of milliseconds from 0 to 3600000.",
      });
    },
  );
});
