// The globalSetup export (wired in vitest.config.ts) started one mock and provided its URL.
import { describe, expect, inject, it } from "vitest";
import { call } from "./support.ts";

describe("@aidp/mock/vitest-global-setup", () => {
  it("provides aidpMockUrl, where the mock answers", async () => {
    const url = inject("aidpMockUrl");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(url, "searchAuditLogs")).status).toBe(200);
  });
});
