// X.509 certificates made at test time with node:crypto alone (Node can parse certificates but not make them):
// a small DER writer for the few fields a certificate needs. They stand in for the instance's certificate chain
// (subject OUs such as `opc-tenant:...`) and for the TLS certificates of the OKE proxymux.
import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from "node:crypto";
import { isIP } from "node:net";

export interface TestCertificate {
  pem: string;
  x509: X509Certificate;
  privateKey: KeyObject;
  /** The private key as PKCS#1 PEM, the form the instance metadata service serves. */
  privateKeyPem: string;
  /** The subject Name as DER, as built: the issuer Name of the certificates this one issues. */
  subjectName: Buffer;
}

/** Subject attributes in order, e.g. `[["CN", "leaf"], ["OU", "opc-tenant:ocid1.tenancy.oc1..t"]]`. */
export type SubjectAttributes = readonly (readonly ["CN" | "OU" | "O", string])[];

export interface CertificateRequest {
  subject: SubjectAttributes;
  /** A CA may issue certificates (basicConstraints CA:TRUE, keyCertSign). */
  isCa?: boolean;
  /** subjectAltName entries: IP addresses and DNS names a TLS client checks. */
  altNames?: readonly string[];
  /** Validity in days from now (default 1). */
  days?: number;
}

/** A self-signed CA. */
export function makeTestCa(commonName: string): TestCertificate {
  return issueTestCertificate(undefined, { subject: [["CN", commonName]], isCa: true });
}

/** A certificate issued by `issuer` (undefined: self-signed). */
export function issueTestCertificate(
  issuer: TestCertificate | undefined,
  request: CertificateRequest,
): TestCertificate {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const subject = name(request.subject);
  const signer = issuer?.privateKey ?? privateKey;
  const issuerName = issuer?.subjectName ?? subject;
  const now = Date.now();
  const extensions = [
    extension("2.5.29.19", true, sequence(request.isCa ? [tlv(0x01, Buffer.from([0xff]))] : [])),
    // keyUsage: keyCertSign + cRLSign for a CA, digitalSignature + keyEncipherment otherwise.
    extension("2.5.29.15", true, tlv(0x03, Buffer.from(request.isCa ? [0x01, 0x06] : [0x05, 0xa0]))),
    extension("2.5.29.14", false, tlv(0x04, createHash("sha1").update(spkiOf(publicKey)).digest())),
  ];
  if (request.altNames?.length)
    extensions.push(extension("2.5.29.17", false, sequence(request.altNames.map(altName))));
  const tbs = sequence([
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serialNumber()),
    SHA256_WITH_RSA,
    issuerName,
    sequence([utcTime(new Date(now - 60_000)), utcTime(new Date(now + (request.days ?? 1) * 86_400_000))]),
    subject,
    spkiOf(publicKey),
    tlv(0xa3, sequence(extensions)),
  ]);
  const der = sequence([tbs, SHA256_WITH_RSA, bitString(sign("sha256", tbs, signer))]);
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n").trimEnd()}\n-----END CERTIFICATE-----\n`;
  return {
    pem,
    x509: new X509Certificate(pem),
    privateKey,
    privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }) as string,
    subjectName: subject,
  };
}

const ATTRIBUTE_OIDS = { CN: "2.5.4.3", OU: "2.5.4.11", O: "2.5.4.10" } as const;

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const lengthBytes =
    length < 0x80
      ? [length]
      : (() => {
          const bytes: number[] = [];
          for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
          return [0x80 | bytes.length, ...bytes];
        })();
  return Buffer.concat([Buffer.from([tag, ...lengthBytes]), content]);
}

function sequence(items: readonly Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

/**
 * A random positive serial in minimal DER form: a leading zero byte followed by a byte below 0x80 is "illegal
 * padding" to OpenSSL, so the first byte is never 0 (one certificate in 256 failed to parse before).
 */
function serialNumber(): Buffer {
  const bytes = randomBytes(12);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes;
}

/** A non-negative INTEGER from big-endian bytes. */
function integer(bytes: Buffer): Buffer {
  return tlv(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const SHA256_WITH_RSA = sequence([oid("1.2.840.113549.1.1.11"), tlv(0x05, Buffer.alloc(0))]);

function name(attributes: SubjectAttributes): Buffer {
  return sequence(
    attributes.map(([type, value]) =>
      tlv(0x31, sequence([oid(ATTRIBUTE_OIDS[type]), tlv(0x0c, Buffer.from(value, "utf8"))])),
    ),
  );
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14);
  return tlv(0x17, Buffer.from(`${text}Z`, "ascii"));
}

function bitString(bytes: Buffer): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
}

function spkiOf(publicKey: KeyObject): Buffer {
  return publicKey.export({ type: "spki", format: "der" });
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence([oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value)]);
}

function altName(value: string): Buffer {
  if (isIP(value) === 4) return tlv(0x87, Buffer.from(value.split(".").map(Number)));
  return tlv(0x82, Buffer.from(value, "ascii"));
}
