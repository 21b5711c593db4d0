// What stock Prism does with `opc-next-page` (see README, "Pagination against the mock"): the header is
// on every 200, so a loop that follows it only ends through the client's repeated-token guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.ts";
import { call, spec } from "./support.ts";

const documentedToken = spec.components.headers.OpcNextPage.schema.examples[0];
let staticMock: RunningMock;
let dynamicMock: RunningMock;
beforeAll(async () => {
  [staticMock, dynamicMock] = await Promise.all([startMock(), startMock({ dynamic: true })]);
});
afterAll(() => Promise.all([staticMock?.stop(), dynamicMock?.stop()]));

describe("opc-next-page on the stock Prism mock", () => {
  it.each(["mixedRecords", "failedOperations", "empty"])(
    "static mode sends the documented token even with Prefer example=%s",
    async (example) => {
      const response = await call(staticMock.url, "searchAuditLogs", {
        query: `?page=${documentedToken}`,
        headers: { prefer: `example=${example}` },
      });
      expect(response.headers.get("opc-next-page")).toBe(documentedToken);
    },
  );

  it("dynamic mode sends a token on every page too, never an end", async () => {
    for (let page = 0; page < 5; page += 1) {
      const response = await call(dynamicMock.url, "searchAuditLogs");
      expect(response.headers.get("opc-next-page")).toBeTruthy();
    }
  });

  it("a loop with a repeated-token guard ends after the second page in static mode", async () => {
    const seen = new Set<string>();
    let page: string | null | undefined;
    let requests = 0;
    for (;;) {
      const response = await call(staticMock.url, "searchAuditLogs", { query: page ? `?page=${page}` : "" });
      requests += 1;
      page = response.headers.get("opc-next-page");
      if (!page || seen.has(page) || requests > 10) break;
      seen.add(page);
    }
    expect(requests).toBe(2);
  });
});
