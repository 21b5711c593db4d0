// `--verify-signatures KEYS`: the public keys the mock checks OCI request signatures with. KEYS is one PEM
// public key file (any key id is checked against it) or a directory of `<key id>.pem` files, where each "/" of
// the key id is written "_" (file names cannot hold "/"). Session-token key ids (`ST$<jwt>`, what resource and
// instance principals sign with) are checked against the session key the token carries in its `jwk` claim.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { importPublicKeyPem, sessionTokenKey } from "@aidp/client/signature";

type PublicKey = Awaited<ReturnType<typeof importPublicKeyPem>>;
export type PublicKeyLookup = (keyId: string) => PublicKey | undefined | Promise<PublicKey | undefined>;

export function keyIdToFileName(keyId: string): string {
  return `${keyId.replaceAll("/", "_")}.pem`;
}

export async function loadPublicKeys(path: string): Promise<PublicKeyLookup> {
  const lookup = await loadPublicKeyFiles(path);
  return (keyId) => (keyId.startsWith("ST$") ? sessionTokenKey(keyId) : lookup(keyId));
}

async function loadPublicKeyFiles(path: string): Promise<(keyId: string) => PublicKey | undefined> {
  const load = async (file: string) => {
    try {
      return await importPublicKeyPem(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`verifySignatures: ${file}: ${(error as Error).message}`);
    }
  };
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new Error(
      `verifySignatures: ${path} does not exist (a PEM public key file or a directory of them)`,
    );
  }
  if (!isDirectory) {
    const key = await load(path);
    return () => key;
  }
  const keys = new Map<string, PublicKey>();
  for (const name of readdirSync(path).filter((entry) => entry.endsWith(".pem"))) {
    keys.set(name, await load(join(path, name)));
  }
  if (keys.size === 0) throw new Error(`verifySignatures: the directory ${path} has no .pem file`);
  return (keyId) => keys.get(keyIdToFileName(keyId));
}
