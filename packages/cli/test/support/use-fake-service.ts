// The set-up and tear-down every test file against a fake service repeats, in one place: the server starts
// before the file's first test and closes after its last, and every aidp process a test started is ended
// after that test, pass or fail.
import { type Handler, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { endAidpProcesses } from "./run-aidp.ts";

/** A fake service as the tests see it: its URL and the requests it received during the current test. */
export type FakeService = Pick<TestServer, "url" | "requests">;

/**
 * One fake service for the whole file, answering with `handler`; its `requests` are cleared before each test.
 * Use the handle inside tests and hooks: the server starts in beforeAll.
 */
export function useFakeService(handler: Handler): FakeService {
  let server: TestServer | undefined;
  const running = () => {
    if (server === undefined)
      throw new Error("the fake service starts in beforeAll: use it inside a test or hook");
    return server;
  };
  beforeAll(async () => {
    server = await startTestServer(handler);
  });
  beforeEach(() => {
    running().requests.length = 0;
  });
  afterEach(endAidpProcesses);
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      return running().url;
    },
    get requests() {
      return running().requests;
    },
  };
}

/**
 * For files whose tests each start the fake services they need: returns the function that starts one (closed
 * after the file's last test).
 */
export function useFakeServices(): (handler: Handler) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(endAidpProcesses);
  afterAll(async () => {
    for (const server of servers) await server.close();
  });
  return async (handler) => {
    const server = await startTestServer(handler);
    servers.push(server);
    return server;
  };
}
