// A throw-away Verdaccio registry for tests: 127.0.0.1, a free port, storage in a fresh temp dir, and one
// user whose token may publish. It holds the @aidp scope only and proxies nothing: a package it does not
// hold is a 404 and nothing is fetched from the internet through it, so a consumer gets everything else
// from the public registry (its .npmrc routes only @aidp here). stop() closes it and deletes the storage.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runServer } from "verdaccio";

export interface LocalRegistry {
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  /** An .npmrc line authenticating the publishing user against this registry. */
  authLine: string;
  stop(): Promise<void>;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "aidp-verdaccio-"));
  const removeStorage = () => rmSync(dir, { recursive: true, force: true });
  try {
    const server: Server = await runServer({
      self_path: dir,
      storage: join(dir, "storage"),
      auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 1 } },
      uplinks: {},
      packages: { "@aidp/*": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" } },
      web: { enable: false },
      log: { type: "stdout", format: "pretty", level: "error" },
    } as never);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    const stop = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      removeStorage();
    };
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/`;
    try {
      const token = await addUser(url);
      return { url, authLine: `//127.0.0.1:${port}/:_authToken=${token}`, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    removeStorage();
    throw error;
  }
}

/** npm's adduser call: creates the user in the htpasswd file and answers with its token. */
async function addUser(url: string): Promise<string> {
  const name = "releaser";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name,
      password: crypto.randomUUID(),
      type: "user",
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token)
    throw new Error(`Verdaccio refused to create the publishing user (HTTP ${response.status}).`);
  return body.token;
}
