// Page tokens that cannot be forged: each carries the data set's generation, the offset and a fingerprint of
// the query that made it, signed with an HMAC under a secret made when the mock starts. A token edited by hand,
// made up, or issued by another mock process fails the MAC and gets a 400. Tokens use only URL-safe characters
// ([0-9a-zA-Z._-]): oci-common puts query values into the URL without percent-encoding them.
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from "node:crypto";

export class PageTokenError extends Error {}

export interface PagePosition {
  /** The data set's generation (bumped by reset()). */
  generation: number;
  offset: number;
  /** A fingerprint of the query: [A-Za-z0-9_-]{16}. */
  query: string;
}

const TOKEN = /^([0-9a-z]{1,11})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/;

export class PageTokens {
  // A KeyObject, made once: an HMAC keyed with raw bytes imports them anew on every call (a tenth of the mock's
  // time per page under load, bench section 6).
  private readonly secret = createSecretKey(randomBytes(32));

  issue({ generation, offset, query }: PagePosition): string {
    const body = `${generation.toString(36)}.${offset.toString(36)}.${query}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The position a token stands for; throws {@link PageTokenError} for a token this mock did not issue. */
  read(token: string): PagePosition {
    const parts = TOKEN.exec(token);
    const [, generation = "", offset = "", query = "", mac = ""] = parts ?? [];
    const expected = this.mac(`${generation}.${offset}.${query}`);
    if (!parts || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
      throw new PageTokenError("query parameter page is not a page token this mock issued");
    }
    return { generation: Number.parseInt(generation, 36), offset: Number.parseInt(offset, 36), query };
  }

  /** 128 bits of HMAC-SHA256, base64url: 22 characters. */
  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url").slice(0, 22);
  }
}
