// WebCrypto imports RSA private keys only as PKCS#8. A PKCS#1 key ("BEGIN RSA PRIVATE KEY", what
// `openssl genrsa` and the OCI console often produce) is the same key inside a smaller wrapper, so we add the
// PKCS#8 wrapper around it ourselves:
//   PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier(rsaEncryption, NULL),
//                                 privateKey OCTET STRING (the PKCS#1 DER) }

const VERSION_0 = [0x02, 0x01, 0x00];
// SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }
const RSA_ENCRYPTION_ALGORITHM = [
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];
const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;

/** DER length: short form below 128, otherwise 0x80 + byte count followed by the big-endian length. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function derElement(tag: number, content: ArrayLike<number>): number[] {
  return [tag, ...derLength(content.length), ...Array.from(content)];
}

/** Wraps a PKCS#1 RSAPrivateKey (DER) into a PKCS#8 PrivateKeyInfo (DER). */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const body = [...VERSION_0, ...RSA_ENCRYPTION_ALGORITHM, ...derElement(OCTET_STRING, pkcs1)];
  return new Uint8Array(derElement(SEQUENCE, body));
}
