/**
 * The x509 client certificate Akash expects for mTLS, generated locally: an ECDSA P-256 key and a self-signed
 * certificate whose subject (and issuer) CN is the owner's address, usable for client authentication.
 *
 * The chain checks the CN, the PEM labels and the signature (not the dates); the provider additionally checks the
 * dates and the clientAuth usage during the handshake (reference: akash-api.md §3.1, chain-rules.md §4.5). The
 * layout follows the reference generators: an extra RDN 2.23.133.2.6 = "v0.0.1", keyEncipherment|dataEncipherment,
 * not a CA, public key PEM labelled "EC PUBLIC KEY", private key as PKCS#8.
 */
import { randomInt, webcrypto, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";

export interface ClientCertificateMaterial {
  certPem: string;
  /** "EC PUBLIC KEY" PEM, as the cert module stores it. */
  pubkeyPem: string;
  /** PKCS#8 "PRIVATE KEY" PEM. Secret: never log it. */
  keyPem: string;
}

export interface CertificateFacts {
  /** Decimal, as the chain identifies certificates. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  commonName: string;
}

type SelfSignedParams = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0];
type WebCrypto = NonNullable<Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1]>;
const crypto = webcrypto as unknown as WebCrypto;

/** The "TCG platform" RDN the reference generators add to the subject. */
const VERSION_RDN_OID = "2.23.133.2.6";

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** Time-based like the reference (µs since epoch), with random low digits so two certificates never collide. */
function newSerial(now: Date): bigint {
  return BigInt(now.getTime()) * 1000n + BigInt(randomInt(1000));
}

export async function generateClientCertificate(
  owner: string,
  validityMs: number,
  now = new Date(),
): Promise<ClientCertificateMaterial> {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as SelfSignedParams["keys"];
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: newSerial(now).toString(16),
      name: [{ CN: [owner] }, { [VERSION_RDN_OID]: ["v0.0.1"] }],
      notBefore: now,
      notAfter: new Date(now.getTime() + validityMs),
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      keys,
      extensions: [
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        new x509.BasicConstraintsExtension(false, undefined, true),
      ],
    },
    crypto,
  );
  const spki = await crypto.subtle.exportKey("spki", keys.publicKey);
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    certPem: cert.toString("pem") + "\n",
    pubkeyPem: pem("EC PUBLIC KEY", spki),
    keyPem: pem("PRIVATE KEY", pkcs8),
  };
}

/** Serial, validity and CN of a PEM certificate; undefined when it is not one. */
export function certificateFacts(certPem: string): CertificateFacts | undefined {
  try {
    const cert = new X509Certificate(certPem);
    const cn = cert.subject
      .split("\n")
      .find((line) => line.startsWith("CN="))
      ?.slice(3);
    return {
      serial: BigInt(`0x${cert.serialNumber}`).toString(10),
      notBefore: new Date(cert.validFrom),
      notAfter: new Date(cert.validTo),
      commonName: cn ?? "",
    };
  } catch {
    return undefined;
  }
}
