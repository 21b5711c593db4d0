// startMock's options are one of three modes, startGateway's are the gateway's: an option of another mode or of
// the other server does not compile (and is a TypeError at run time, test/start-stop-api.test.ts and
// test/gateway-forwarding.test.ts), while every valid call does.
import { describe, expectTypeOf, it } from "vitest";
import { type GatewayOptions, startGateway } from "../src/gateway/index.ts";
import {
  type MockOptions,
  type StatefulMockOptions,
  type StaticMockOptions,
  startMock,
} from "../src/index.ts";

const upstream = "https://datalake.us-ashburn-1.oci.oraclecloud.com";

describe("valid options of each mode compile", () => {
  it("stateful (the default)", () => {
    startMock();
    startMock({});
    startMock({ port: 0, records: 5, seed: "s", failRate: 0.1, exportReadyAfterMs: 10, now: Date.now });
    startMock({ recordsFile: "records.ndjson", verifySignatures: "keys", requireAuth: true });
    startMock({ static: false, dynamic: false, errors: false, records: 5 });
    expectTypeOf<{ records: number }>().toExtend<StatefulMockOptions>();
  });

  it("static and dynamic", () => {
    startMock({ static: true });
    startMock({ static: true, errors: true, seed: "s", requireAuth: true, port: 0 });
    startMock({ dynamic: true, errors: true, seed: "s" });
    const fromAFlag: boolean = process.argv.includes("--static");
    startMock({ static: fromAFlag, seed: "s" }); // either the stateful mock or Prism's
    startMock({ dynamic: fromAFlag, requireAuth: true });
    expectTypeOf<{ static: true; errors: boolean }>().toExtend<StaticMockOptions>();
  });

  it("gateway", () => {
    startGateway({ upstream });
    startGateway({ upstream, strict: true, report: "drift.json", record: "records.ndjson", auth: "none" });
    startGateway({ upstreamRegion: "us-ashburn-1", upstreamTimeoutMs: 1_000, port: 0, onLog: () => {} });
    expectTypeOf<{ upstream: string }>().toExtend<GatewayOptions>();
  });
});

describe("an option of another mode does not compile", () => {
  it("a stateful-only option with static or dynamic", () => {
    // @ts-expect-error records needs the stateful mock
    startMock({ static: true, records: 5 });
    // @ts-expect-error failRate needs the stateful mock
    startMock({ dynamic: true, failRate: 0.5 });
    // @ts-expect-error now needs the stateful mock
    startMock({ static: true, now: Date.now });
    expectTypeOf<{ static: true; records: number }>().not.toExtend<MockOptions>();
    expectTypeOf<{ dynamic: true; verifySignatures: string }>().not.toExtend<MockOptions>();
  });

  it("two modes at once", () => {
    // @ts-expect-error static and dynamic exclude each other
    startMock({ static: true, dynamic: true });
  });

  it("the gateway's options and the mock's are apart", () => {
    // @ts-expect-error the mock is no gateway
    startMock({ upstream });
    // @ts-expect-error strict is the gateway's
    startMock({ strict: true });
    // @ts-expect-error report is the gateway's
    startMock({ records: 5, report: "drift.json" });
    // @ts-expect-error a gateway is not Prism's mock
    startGateway({ upstream, static: true });
    // @ts-expect-error a gateway has no data set
    startGateway({ upstream, records: 5 });
    // @ts-expect-error a gateway does not seed answers
    startGateway({ upstreamRegion: "us-ashburn-1", seed: "s" });
    // @ts-expect-error upstream and upstreamRegion exclude each other
    startGateway({ upstream, upstreamRegion: "us-ashburn-1" });
    // @ts-expect-error a gateway needs upstream or upstreamRegion
    startGateway({ strict: true });
  });

  it("errors without static or dynamic", () => {
    // @ts-expect-error the stateful mock always answers errors
    startMock({ errors: true });
  });
});
