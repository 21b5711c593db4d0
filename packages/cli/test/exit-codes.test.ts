// Exit 3 when the service answers an error (standard error shows status, code, message and opc-request-id),
// exit 4 on a network failure or a timeout, each from a real socket on 127.0.0.1.
import { beforeAll, describe, expect, it } from "vitest";
import {
  closedPort,
  DOWNLOAD_LOGS_COMMAND,
  fakeServiceFlags,
  searchLogsAt,
  sendJson,
  type TestServer,
} from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeServices } from "./support/use-fake-service.ts";

const started = useFakeServices();

describe("exit 3: the service answered an error", () => {
  let notFound: TestServer;
  beforeAll(async () => {
    notFound = await started((_request, response) =>
      sendJson(
        response,
        404,
        { code: "NotAuthorizedOrNotFound", message: "Authorization failed or requested resource not found." },
        { "opc-request-id": "REQ-404-ABC" },
      ),
    );
  });

  it.each([["audit", "search-logs"], [...DOWNLOAD_LOGS_COMMAND]])(
    "%s %s: status, code, message and opc-request-id on standard error, nothing on standard output",
    async (...command) => {
      const { code, stdout, stderr } = await runAidp([...command, ...fakeServiceFlags(notFound)]);
      expect(code).toBe(3);
      expect(stdout).toBe("");
      expect(stderr).toContain("404");
      expect(stderr).toContain("NotAuthorizedOrNotFound");
      expect(stderr).toContain("Authorization failed or requested resource not found.");
      expect(stderr).toContain("REQ-404-ABC");
    },
  );

  it("a 503 is retried, then reported with exit 3 once --max-retries is used up", async () => {
    const busy = await started((_request, response) =>
      sendJson(response, 503, { code: "ServiceUnavailable", message: "busy" }, { "retry-after": "0" }),
    );
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(busy),
      "--max-retries",
      "2",
    ]);
    expect(code).toBe(3);
    expect(stderr).toContain("503 ServiceUnavailable");
    expect(busy.requests).toHaveLength(3);
  });

  // The client reads a page without `items` as empty; anything else under it no output format can write.
  it.each([
    ["one page", [], { items: { eventId: "e-1" } }],
    ["--all", ["--all"], { items: "records" }],
    ["--query", ["--all", "--query", "items[0]"], { items: { eventId: "e-1" } }],
  ])("%s: a page whose items are not a list is exit 3 with the request id", async (_name, flags, body) => {
    const odd = await started((_request, response) =>
      sendJson(response, 200, body, { "opc-request-id": "REQ-ODD-PAGE" }),
    );
    const { code, stdout, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(odd),
      ...flags,
    ]);
    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    expect(stderr).toBe(
      "aidp: the service's page of audit records has no list of records (opc-request-id REQ-ODD-PAGE)\n",
    );
  });

  it("--no-retry sends once", async () => {
    const busy = await started((_request, response) =>
      sendJson(response, 503, { code: "ServiceUnavailable", message: "busy" }),
    );
    const { code } = await runAidp(["audit", "search-logs", ...fakeServiceFlags(busy), "--no-retry"]);
    expect(code).toBe(3);
    expect(busy.requests).toHaveLength(1);
  });
});

describe("exit 4: network failure or timeout", () => {
  it("nothing listens on the port", async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await runAidp(searchLogsAt(`http://127.0.0.1:${port}`, "--no-retry"));
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/aidp: network failure: /);
  });

  it("the connection is reset before an answer", async () => {
    const resetting = await started((_request, response) => {
      response.socket?.destroy();
    });
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(resetting),
      "--no-retry",
    ]);
    expect(code).toBe(4);
    expect(stderr).toMatch(/aidp: network failure: /);
  });

  it("no answer within --timeout", async () => {
    const silent = await started(() => {
      // never answers; the server's close() ends the socket
    });
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(silent),
      "--timeout",
      "0.3",
      "--no-retry",
    ]);
    expect(code).toBe(4);
    expect(stderr).toMatch(/aidp: timed out: /);
  });
});
