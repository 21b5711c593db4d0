// Everything the server said during a test file (each result, each error, each log line), kept for the secrets
// scan that closes the file: no pre-authenticated URL, key, signature or token may be in any of it.
export const transcript: string[] = [];
/** Secret values the tests handed out (PAR URLs the direct client saw, key material, passphrases). */
export const plantedSecrets = new Set<string>();

export function record(source: string, value: unknown): void {
  transcript.push(`${source}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
}

/** What has the shape of a secret, whatever its value: these never appear in what the server says. */
const SECRET_SHAPES: readonly [string, RegExp][] = [
  ["a pre-authenticated URL path", /\/p\/[A-Za-z0-9_-]{16,}\//],
  ["a PEM private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["an OCI request signature", /signature="(?!\[redacted\])[^"]+"/i],
  ["an Authorization header", /authorization:\s*(?:Signature|Bearer)\s+(?!\[redacted\])/i],
  ["a session token", /ST\$(?!\[redacted\])[A-Za-z0-9]/],
];

/** The findings in `lines`: each secret value or shape found, with the start of the line it is in. */
export function secretsIn(lines: readonly string[], secrets: Iterable<string>): string[] {
  const known = [...secrets];
  const findings: string[] = [];
  for (const line of lines) {
    const where = line.slice(0, 60);
    for (const secret of known) if (line.includes(secret)) findings.push(`a planted secret in "${where}..."`);
    for (const [name, shape] of SECRET_SHAPES)
      if (shape.test(line)) findings.push(`${name} in "${where}..."`);
  }
  return findings;
}
