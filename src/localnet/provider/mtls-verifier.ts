/**
 * Client-certificate checks the provider gateway makes during the TLS handshake (chain-sdk go/util/tls/verify.go):
 * one self-issued certificate whose CN is the owner's bech32 address, present on chain as a `valid` certificate of
 * that owner with the same serial, signed by the on-chain key, within its validity dates, usable for clientAuth.
 */
import { X509Certificate, createPublicKey } from "node:crypto";
import { fromBech32 } from "@cosmjs/encoding";
import type { OnChainCertificate } from "./chain-client";

export type CertificateLookup = (
  owner: string,
  serialDecimal: string,
) => Promise<OnChainCertificate | undefined>;

/** The handshake-failure texts of go/util/tls (CertificateInvalidError). */
export class ClientCertificateError extends Error {}

const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

function commonName(distinguishedName: string): string {
  for (const line of distinguishedName.split("\n")) if (line.startsWith("CN=")) return line.slice(3);
  return "";
}

function isAccount(address: string): boolean {
  try {
    return fromBech32(address).prefix === "akash";
  } catch {
    return false;
  }
}

/** On-chain pubkeys are PEM "EC PUBLIC KEY" (SPKI inside); node wants the standard label. */
function publicKeyFromChainPem(pem: string) {
  return createPublicKey(pem.replace(/-----(BEGIN|END) EC PUBLIC KEY-----/g, "-----$1 PUBLIC KEY-----"));
}

/**
 * Verify the peer certificate chain presented by a client (leaf first). Returns the owner address.
 * Throws ClientCertificateError with the Go error text.
 */
export async function verifyClientCertificate(
  chain: Buffer[],
  lookup: CertificateLookup,
  now: Date,
): Promise<string> {
  if (chain.length === 0) throw new ClientCertificateError("tls: empty peer certificate(s)");
  if (chain.length > 1) throw new ClientCertificateError("tls: too many peer certificates");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(chain[0] as Buffer);
  } catch {
    throw new ClientCertificateError("tls: failed to parse certificate");
  }
  const owner = commonName(cert.subject);
  if (!isAccount(owner) || owner !== commonName(cert.issuer)) {
    throw new ClientCertificateError("tls: invalid certificate's subject common name");
  }
  if (!cert.serialNumber) throw new ClientCertificateError("tls: invalid certificate serial number");
  const serial = BigInt(`0x${cert.serialNumber}`).toString(10);
  let onChain: OnChainCertificate | undefined;
  try {
    onChain = await lookup(owner, serial);
  } catch {
    onChain = undefined;
  }
  if (onChain === undefined) {
    throw new ClientCertificateError("tls: attempt to use non-existing or revoked certificate");
  }
  let verified: boolean;
  let root: X509Certificate;
  try {
    verified = cert.verify(publicKeyFromChainPem(onChain.pubkey));
    root = new X509Certificate(onChain.cert);
  } catch {
    throw new ClientCertificateError("tls: unable to verify certificate");
  }
  if (!verified) throw new ClientCertificateError("tls: unable to verify certificate");
  // x509 Verify with the on-chain certificate as the only root: issued by it, signed by its key, in date, clientAuth.
  const usages = cert.keyUsage;
  const inDate = now >= new Date(cert.validFrom) && now <= new Date(cert.validTo);
  const usable =
    usages === undefined || usages.includes(CLIENT_AUTH) || usages.includes(ANY_EXTENDED_KEY_USAGE);
  // Go accepts a leaf that is itself the root at once; otherwise the root must have issued and signed it.
  const chained = cert.raw.equals(root.raw) || (cert.issuer === root.subject && cert.verify(root.publicKey));
  if (!chained || !inDate || !usable) {
    throw new ClientCertificateError("tls: unable to verify certificate");
  }
  return owner;
}
