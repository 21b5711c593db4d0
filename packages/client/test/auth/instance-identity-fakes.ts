// An instance's identity side for the client's tests: the metadata service and federation fakes of one made-up
// instance, and a service that checks `ST$` signatures; each closed by `closers` after its test.
import {
  type FederationFake,
  type MetadataServiceFake,
  makeInstanceIdentity,
  startFederationFake,
  startMetadataServiceFake,
} from "@aidp/test-support/servers";
import * as signature from "../../src/signature.ts";
import { type SessionTokenService, startSessionTokenService } from "./session-token-service.ts";

export interface InstanceIdentityFakesOptions {
  /** The instance's tenancy, region and subject attribute, as makeInstanceIdentity takes them. */
  identity?: Parameters<typeof makeInstanceIdentity>[0];
  /** Metadata requests answered 500 first. */
  failFirst?: number;
  federationStatuses?: number[];
  serviceStatuses?: number[];
  tokenLifetimeSeconds?: number;
}

export interface InstanceIdentityFakes {
  identity: ReturnType<typeof makeInstanceIdentity>;
  metadata: MetadataServiceFake;
  federation: FederationFake;
  service: SessionTokenService;
}

export async function startInstanceIdentityFakes(
  closers: (() => Promise<void>)[],
  options: InstanceIdentityFakesOptions = {},
): Promise<InstanceIdentityFakes> {
  const identity = makeInstanceIdentity(options.identity);
  const metadata = await startMetadataServiceFake({ identity, failFirst: options.failFirst ?? 0 });
  const federation = await startFederationFake({
    signature,
    identity,
    statuses: options.federationStatuses ?? [],
    ...(options.tokenLifetimeSeconds ? { tokenLifetimeSeconds: options.tokenLifetimeSeconds } : {}),
  });
  const service = await startSessionTokenService(options.serviceStatuses);
  closers.push(metadata.close, federation.close, service.close);
  return { identity, metadata, federation, service };
}
