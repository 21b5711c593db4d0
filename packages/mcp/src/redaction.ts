// Nothing secret reaches the model, a log line or an error: every text and structured value the server sends
// or logs goes through a Redactor. It removes the values it was told of (each export's PAR URL, key material
// from the environment) and whatever has the shape of a secret: an Object Storage pre-authenticated URL, a
// PEM private key, an OCI signature or Authorization header, a session token (JWT, `ST$...`).
const SECRET_SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, "[redacted private key]"],
  // A pre-authenticated request URL: /p/<token>/ in its path; the token alone grants access, so all of it goes.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*\/p\/[^\s"'<>/]+\/[^\s"'<>]*/gi, "[redacted pre-authenticated URL]"],
  // An Authorization header's value: OCI's `Signature k="v",...` to its last attribute, or a bearer/basic token.
  [
    /\bauthorization\s*[:=]\s*(?:Signature\s+(?:[A-Za-z-]+="[^"]*",?\s*)+|(?:Bearer|Basic)\s+[^\s"',;]+)/gi,
    "authorization: [redacted] ",
  ],
  [/\bsignature="[^"]*"/gi, 'signature="[redacted]"'],
  [/\bST\$[A-Za-z0-9._~+/=-]+/g, "ST$[redacted]"],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "[redacted token]"],
];
/** Values shorter than this are not registered: redacting "a" everywhere would garble every text. */
const SHORTEST_SECRET = 8;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** From now on, `value` is replaced wherever it appears. */
  add(value: string | undefined): void {
    if (value !== undefined && value.length >= SHORTEST_SECRET) this.secrets.add(value);
  }

  text(input: string): string {
    let output = input;
    for (const secret of this.secrets) output = output.replaceAll(secret, "[redacted]");
    for (const [shape, replacement] of SECRET_SHAPES) output = output.replace(shape, replacement);
    return output;
  }

  /** A JSON value with every string in it redacted, each on its own (a pattern never spans two strings). */
  value<T>(input: T): T {
    if (typeof input === "string") return this.text(input) as T;
    if (Array.isArray(input)) return input.map((item) => this.value(item)) as T;
    if (typeof input === "object" && input !== null)
      return Object.fromEntries(
        Object.entries(input).map(([key, item]) => [this.text(key), this.value(item)]),
      ) as T;
    return input;
  }
}
