// The globalSetup export (wired in vitest.config.ts) started one mock and provided its URL; mockGlobalSetup
// passes options through.
import { describe, expect, inject, it } from "vitest";
import { mockGlobalSetup } from "../src/vitest-global-setup.ts";
import { call } from "./support.ts";

describe("@aidp/mock/vitest-global-setup", () => {
  it("provides aidpMockUrl, where the mock answers", async () => {
    const url = inject("aidpMockUrl");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(url, "searchAuditLogs")).status).toBe(200);
  });

  it("mockGlobalSetup(options) starts the mock with those options and its teardown stops it", async () => {
    let url = "";
    const teardown = await mockGlobalSetup({ records: 3, seed: "setup" })({
      provide: (_key, value) => {
        url = value;
      },
    });
    try {
      const response = await call(url, "searchAuditLogs", { query: "?limit=10", body: {} });
      expect(response.body.items).toHaveLength(3);
    } finally {
      await teardown();
    }
    await expect(fetch(url)).rejects.toThrow();
  });
});
