/**
 * The gateway's TLS identity: a self-signed ECDSA P-256 certificate with CN = provider address, like the one a real
 * provider registers on chain and serves on :8443. Kept in the provider's state directory so a restarted localnet
 * presents the same certificate (clients may pin it, and it matches what is on chain).
 */
import { webcrypto } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

export interface TlsIdentity {
  certPem: string;
  keyPem: string;
  /** The public key as the cert module stores it ("EC PUBLIC KEY" PEM). */
  pubkeyPem: string;
}

type SelfSignedParams = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0];
type WebCrypto = NonNullable<Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1]>;
const subtle = webcrypto as unknown as WebCrypto;

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

export async function createTlsIdentity(address: string, now = new Date()): Promise<TlsIdentity> {
  const algorithm = { name: "ECDSA", namedCurve: "P-256" };
  const keys = (await subtle.subtle.generateKey(algorithm, true, [
    "sign",
    "verify",
  ])) as SelfSignedParams["keys"];
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      // Serial like the reference generator: time-based, positive.
      serialNumber: (BigInt(now.getTime()) * 1000n).toString(16),
      name: `CN=${address}`,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([
          x509.ExtendedKeyUsage.serverAuth,
          x509.ExtendedKeyUsage.clientAuth,
        ]),
        new x509.SubjectAlternativeNameExtension([
          { type: "ip", value: "127.0.0.1" },
          { type: "dns", value: "localhost" },
        ]),
      ],
    },
    subtle,
  );
  const spki = await subtle.subtle.exportKey("spki", keys.publicKey);
  const pkcs8 = await subtle.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    certPem: cert.toString("pem") + "\n",
    keyPem: pem("PRIVATE KEY", pkcs8),
    pubkeyPem: pem("EC PUBLIC KEY", spki),
  };
}

/** Load the identity from `dir/tls.json`, or create and store one. */
export async function loadOrCreateTlsIdentity(dir: string, address: string): Promise<TlsIdentity> {
  const file = join(dir, "tls.json");
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as TlsIdentity & { address?: string };
    if (stored.address === address && stored.certPem && stored.keyPem && stored.pubkeyPem) return stored;
  } catch {
    // missing or unreadable: create a new one below
  }
  const identity = await createTlsIdentity(address);
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify({ address, ...identity }), { mode: 0o600 });
  return identity;
}
