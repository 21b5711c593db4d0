// Dynamic mode with --errors: generated responses, every one valid against the spec's schemas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.ts";
import { call, schemaErrors, violationsHeader } from "./support.ts";

const REQUESTS = 40;
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ dynamic: true, errors: true });
});
afterAll(() => mock?.stop());

describe("dynamic mode", () => {
  it(`${REQUESTS} searchAuditLogs answers all match AuditLogSearchResultCollection`, async () => {
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, () => call(mock.url, "searchAuditLogs")),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get(violationsHeader)).toBeNull();
      expect(schemaErrors("AuditLogSearchResultCollection", answer.body)).toBe("");
    }
    // Generated, not the examples: the bodies differ from one another.
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBeGreaterThan(1);
  });

  it("error answers are valid Error bodies", async () => {
    const answer = await call(mock.url, "downloadClusterLogs", { headers: { prefer: "code=429" } });
    expect(answer.status).toBe(429);
    expect(schemaErrors("Error", answer.body)).toBe("");
  });

  it("a seed makes the generated answers repeat", async () => {
    const [first, second] = await Promise.all([
      startMock({ dynamic: true, seed: "aidp" }),
      startMock({ dynamic: true, seed: "aidp" }),
    ]);
    try {
      const [a, b] = await Promise.all([
        call(first.url, "searchAuditLogs"),
        call(second.url, "searchAuditLogs"),
      ]);
      expect(a.body).toEqual(b.body);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
