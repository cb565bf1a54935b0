/**
 * The generated client certificate must pass the checks the chain (MsgCreateCertificate) and a provider (mTLS
 * handshake) make; the localnet implements both from the reference, so its checkers are the oracle here.
 */
import { X509Certificate } from "node:crypto";
import { checkCertificate } from "../../../src/localnet/chain/modules/akash/cert/pem-checks";
import { verifyClientCertificate } from "../../../src/localnet/provider/mtls-verifier";
import { renewalDue } from "../../../src/resources/certificate/certificate-resource";
import {
  certificateFacts,
  generateClientCertificate,
} from "../../../src/resources/certificate/client-certificate";

const owner = "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs";
const text = (s: string) => new TextEncoder().encode(s);

test("the chain accepts it: EC PUBLIC KEY, one CERTIFICATE, signature, CN = owner", async () => {
  const material = await generateClientCertificate(owner, 3_600_000);
  const parsed = checkCertificate(owner, text(material.certPem), text(material.pubkeyPem));
  expect(parsed.serial).toBe(certificateFacts(material.certPem)?.serial);
  expect(material.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  expect(() =>
    checkCertificate(
      "akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l",
      text(material.certPem),
      text(material.pubkeyPem),
    ),
  ).toThrow(/CommonName does not match owner/);
});

test("a provider accepts it for mTLS while valid, and refuses it once expired", async () => {
  const now = new Date();
  const material = await generateClientCertificate(owner, 60_000, now);
  const der = new X509Certificate(material.certPem).raw;
  const facts = certificateFacts(material.certPem)!;
  const lookup = async (o: string, serial: string) =>
    o === owner && serial === facts.serial
      ? { cert: material.certPem, pubkey: material.pubkeyPem }
      : undefined;
  await expect(verifyClientCertificate([der], lookup, new Date(now.getTime() + 1000))).resolves.toBe(owner);
  await expect(verifyClientCertificate([der], lookup, new Date(now.getTime() + 120_000))).rejects.toThrow(
    /unable to verify certificate/,
  );
  // Not on chain (e.g. revoked): refused.
  await expect(verifyClientCertificate([der], async () => undefined, now)).rejects.toThrow(/revoked/);
});

test("facts: decimal serial, validity and CN; serials differ between certificates", async () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const a = await generateClientCertificate(owner, 8760 * 3_600_000, now);
  const b = await generateClientCertificate(owner, 8760 * 3_600_000, now);
  const fa = certificateFacts(a.certPem)!;
  expect(fa.commonName).toBe(owner);
  expect(fa.serial).toMatch(/^\d+$/);
  expect(fa.notBefore.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  expect(fa.notAfter.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  expect(certificateFacts(b.certPem)!.serial).not.toBe(fa.serial);
  expect(certificateFacts("not a certificate")).toBeUndefined();
});

test("renewal is due once expired, or inside renew_before", () => {
  const notAfter = new Date("2027-01-01T00:00:00Z");
  expect(renewalDue(notAfter, 0, new Date("2026-12-31T23:59:59Z"))).toBe(false);
  expect(renewalDue(notAfter, 0, new Date("2027-01-01T00:00:00Z"))).toBe(true);
  expect(renewalDue(notAfter, 7 * 24 * 3_600_000, new Date("2026-12-25T00:00:00Z"))).toBe(true);
  expect(renewalDue(notAfter, 7 * 24 * 3_600_000, new Date("2026-12-24T23:00:00Z"))).toBe(false);
});
