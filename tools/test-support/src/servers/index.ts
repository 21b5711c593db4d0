// Local node:http servers on 127.0.0.1 that stand in for the service where the mock cannot produce the case:
// faults and exact request capture (test-server), real paging (paging-server), signature checks, and the identity
// side of OCI workload identity (metadata service, federation endpoint, OKE proxymux).

export {
  type FederationFake,
  type FederationFakeOptions,
  type FederationRequestCheck,
  startFederationFake,
} from "./federation-fake.ts";
export {
  type InstanceIdentity,
  METADATA_PATH,
  type MetadataServiceFake,
  type MetadataServiceFakeOptions,
  makeInstanceIdentity,
  startMetadataServiceFake,
} from "./metadata-service-fake.ts";
export { pagingHandler, record, startPagingServer } from "./paging-server.ts";
export { type ProxymuxFake, type ProxymuxFakeOptions, startProxymuxFake } from "./proxymux-fake.ts";
export {
  type CheckedRequest,
  type SignatureCheckingServer,
  type SignatureModule,
  startSignatureCheckingServer,
} from "./signature-checking-server.ts";
export {
  closedPort,
  type Handler,
  type RecordedRequest,
  sendJson,
  startTestServer,
  type TestServer,
} from "./test-server.ts";
