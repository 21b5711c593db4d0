// What the documentation's fragments take as given: the names a TypeScript block uses without defining them (the
// ids, `aidp`, `auth`...), and the shell variables a command block reads from the reader's shell ($OCID...). A
// block gets a `declare` for each given name it uses, so a renamed option, a wrong call shape or a removed
// export is still a tsc error that names the Markdown line.

/** The TypeScript names, and their types. */
const GIVEN_NAMES: Record<string, string> = {
  aiDataPlatformId: "string",
  workspaceKey: "string",
  clusterKey: "string",
  timeBegin: "string",
  timeEnd: "string",
  pem: "string",
  method: "string",
  baseUrl: "string",
  headers: "Record<string, string>",
  body: "Uint8Array",
  signal: "AbortSignal",
  auth: 'import("@aidp/client").AuthProvider',
  aidp: 'import("@aidp/client").AidpClient',
};

/** A `declare const` for each given name `source` uses but does not define; one line, to go before it. */
export function typeScriptGivens(source: string): string {
  const defined = new Set(
    [...source.matchAll(/\b(?:const|let|import)\s+\{?\s*([\w\s,]+?)\s*\}?\s*(?:=|from)/g)].flatMap((match) =>
      (match[1] ?? "").split(",").map((name) => name.trim()),
    ),
  );
  return Object.entries(GIVEN_NAMES)
    .filter(([name]) => !defined.has(name) && new RegExp(`\\b${name}\\b`).test(source))
    .map(([name, type]) => `declare const ${name}: ${type};`)
    .join(" ");
}

/**
 * The reader's shell as the command examples assume it (the READMEs say so where they use these): the instance,
 * workspace and cluster, and `aidp` pointed at an endpoint with no signing, here the test's mock.
 */
export function shellGivens(mockUrl: string): Record<string, string> {
  return {
    OCID: "ocid1.aidataplatform.oc1.iad.example",
    WS: "my-workspace",
    CL: "my-cluster",
    OCI_CLI_ENDPOINT: mockUrl,
    OCI_CLI_AUTH: "none",
  };
}
