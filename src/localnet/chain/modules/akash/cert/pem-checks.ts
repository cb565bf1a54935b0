/**
 * The node's certificate checks (`go/node/cert/v1/cert.go`): one `EC PUBLIC KEY` PEM block holding an ECDSA
 * PKIX key, one `CERTIFICATE` block whose signature verifies under that key, subject CN equal to the owner.
 * Validity dates are not checked on chain.
 */
import { X509Certificate, createPublicKey, type KeyObject } from "node:crypto";
import { registered, unregistered } from "../shared/errors";

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;

interface PemBlock {
  type: string;
  der: Buffer;
}

function pemBlocks(bytes: Uint8Array): PemBlock[] {
  const text = Buffer.from(bytes).toString("utf8");
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({
    type: m[1] ?? "",
    der: Buffer.from((m[2] ?? "").replace(/\s+/g, ""), "base64"),
  }));
}

const invalidCert = (text: string) => unregistered(`invalid certificate value: ${text}`);
const invalidPubkey = (text: string) => unregistered(`invalid pubkey value: ${text}`);

export interface ParsedCertificate {
  /** Decimal serial, as the chain stores it. */
  serial: string;
}

export function checkCertificate(
  owner: string,
  certPem: Uint8Array,
  pubkeyPem: Uint8Array,
): ParsedCertificate {
  const keyBlocks = pemBlocks(pubkeyPem);
  const keyBlock = keyBlocks[0];
  if (keyBlocks.length !== 1 || !keyBlock) throw invalidPubkey("expected exactly one PEM block");
  if (keyBlock.type !== "EC PUBLIC KEY") throw invalidPubkey(`invalid pem block type ${keyBlock.type}`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: keyBlock.der, format: "der", type: "spki" });
  } catch {
    throw invalidPubkey("unable to parse public key");
  }
  if (publicKey.asymmetricKeyType !== "ec") throw invalidPubkey("public key is not ECDSA");

  const certBlocks = pemBlocks(certPem);
  const certBlock = certBlocks[0];
  if (certBlocks.length !== 1 || !certBlock) throw invalidCert("expected exactly one PEM block");
  if (certBlock.type !== "CERTIFICATE") throw invalidCert(`invalid pem block type ${certBlock.type}`);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certBlock.der);
  } catch {
    throw invalidCert("unable to parse certificate");
  }
  if (!cert.verify(publicKey)) throw invalidCert("certificate signature does not verify with the public key");
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  if (commonName !== owner) throw invalidCert("CommonName does not match owner");
  return { serial: BigInt(`0x${cert.serialNumber}`).toString(10) };
}

export const errInvalidSerial = registered("cert", 5, "invalid serial number");
