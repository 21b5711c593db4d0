// The instance metadata service (v2) of a made-up compute instance, on 127.0.0.1: `instance/region` and the
// instance's identity (`identity/cert.pem` with `opc-tenant:` in its subject, `identity/key.pem` as PKCS#1,
// `identity/intermediate.pem`). Like the real one it refuses requests without `Authorization: Bearer Oracle`;
// it can answer 500 to the first requests, to exercise retries.
import { issueTestCertificate, makeTestCa, type TestCertificate } from "../test-certificates.ts";
import { type RecordedRequest, sendJson, startTestServer } from "./test-server.ts";

export const METADATA_PATH = "/opc/v2/";

export interface InstanceIdentity {
  tenancy: string;
  region: string;
  root: TestCertificate;
  intermediate: TestCertificate;
  leaf: TestCertificate;
}

/** A certificate chain like an instance's: root CA, intermediate, leaf with the tenancy in its subject. */
export function makeInstanceIdentity(
  options: { tenancy?: string; region?: string; tenancyAttribute?: "opc-tenant" | "opc-identity" } = {},
): InstanceIdentity {
  const tenancy = options.tenancy ?? "ocid1.tenancy.oc1..instancetenancy";
  const root = makeTestCa("PKISVC Identity Root - test");
  const intermediate = issueTestCertificate(root, {
    subject: [["CN", "PKISVC Identity Intermediate - test"]],
    isCa: true,
  });
  const leaf = issueTestCertificate(intermediate, {
    subject: [
      ["CN", "ocid1.instance.oc1.iad.testinstance"],
      ["OU", "opc-certtype:instance"],
      ["OU", "opc-compartment:ocid1.compartment.oc1..testcompartment"],
      ["OU", "opc-instance:ocid1.instance.oc1.iad.testinstance"],
      ["OU", `${options.tenancyAttribute ?? "opc-tenant"}:${tenancy}`],
    ],
  });
  return { tenancy, region: options.region ?? "us-ashburn-1", root, intermediate, leaf };
}

export interface MetadataServiceFake {
  /** The base URL as `metadataBaseUrl` takes it: `http://127.0.0.1:PORT/opc/v2/`. */
  url: string;
  identity: InstanceIdentity;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface MetadataServiceFakeOptions {
  identity?: InstanceIdentity;
  /** Answer 500 to this many requests first. */
  failFirst?: number;
}

export async function startMetadataServiceFake(
  options: MetadataServiceFakeOptions = {},
): Promise<MetadataServiceFake> {
  const identity = options.identity ?? makeInstanceIdentity();
  let failuresLeft = options.failFirst ?? 0;
  const files: Record<string, () => string> = {
    "instance/region": () => identity.region,
    "identity/cert.pem": () => identity.leaf.pem,
    "identity/key.pem": () => identity.leaf.privateKeyPem,
    "identity/intermediate.pem": () => identity.intermediate.pem,
  };
  const server = await startTestServer((request, response) => {
    if (request.headers.authorization !== "Bearer Oracle") {
      sendJson(response, 401, {
        code: "NotAuthenticated",
        message: "Authorization: Bearer Oracle is required",
      });
      return;
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      sendJson(response, 500, { code: "InternalError", message: "the metadata service is having a moment" });
      return;
    }
    const file = request.url.startsWith(METADATA_PATH)
      ? files[request.url.slice(METADATA_PATH.length)]
      : undefined;
    if (request.method !== "GET" || !file) {
      sendJson(response, 404, { code: "NotFound", message: `no metadata at ${request.url}` });
      return;
    }
    const text = file();
    response.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
    response.end(text);
  });
  return { url: `${server.url}${METADATA_PATH}`, identity, requests: server.requests, close: server.close };
}
