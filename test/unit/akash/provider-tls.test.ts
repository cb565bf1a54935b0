/** Which gateway certificates we trust (see src/akash/adapters/gateway/provider-tls.ts). */
import { X509Certificate } from "node:crypto";
import type { PeerCertificate } from "node:tls";
import { checkProviderCertificate } from "../../../src/akash/adapters/gateway/provider-tls";
import { createTlsIdentity } from "../../../src/localnet/provider/tls-identity";

const PROVIDER = "akash1swyafq68a4zmnjez8aeg34ltssmx06n6523xcx";

/** What node's TLSSocket.getPeerCertificate() reports for a PEM certificate. */
function peer(pem: string): PeerCertificate {
  const x = new X509Certificate(pem);
  const cn = (dn: string) => /CN=([^\n,]+)/.exec(dn)?.[1];
  return {
    subject: { CN: cn(x.subject) },
    issuer: { CN: cn(x.issuer) },
    valid_from: x.validFrom,
    valid_to: x.validTo,
    raw: x.raw,
    fingerprint256: x.fingerprint256,
    serialNumber: x.serialNumber,
    ext_key_usage: x.keyUsage,
  } as unknown as PeerCertificate;
}

test("the provider's own on-chain certificate is accepted", async () => {
  const { certPem } = await createTlsIdentity(PROVIDER);
  const onChain = async (owner: string) => (owner === PROVIDER ? [certPem] : []);
  expect(await checkProviderCertificate(peer(certPem), PROVIDER, { certificates: onChain })).toBeUndefined();
});

test("a certificate for another address is refused before any lookup", async () => {
  const { certPem } = await createTlsIdentity("akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l");
  const lookups: string[] = [];
  const problem = await checkProviderCertificate(peer(certPem), PROVIDER, {
    certificates: async (owner) => {
      lookups.push(owner);
      return [certPem];
    },
  });
  expect(problem).toContain("not to the provider");
  expect(lookups).toEqual([]);
});

test("the served certificate must be the one on chain with its serial: others, revoked or forged, are refused", async () => {
  const at = new Date();
  const served = await createTlsIdentity(PROVIDER, at);
  const other = await createTlsIdentity(PROVIDER, new Date(at.getTime() - 5_000));
  const serial = BigInt(`0x${new X509Certificate(served.certPem).serialNumber}`).toString(10);
  expect(
    await checkProviderCertificate(peer(served.certPem), PROVIDER, {
      certificates: async () => [other.certPem],
    }),
  ).toBe(
    `its certificate (serial ${serial}) is not among the valid certificates the provider has on chain (revoked or never published)`,
  );
  // Same serial (the generator derives it from the time), another key: a look-alike of the provider's certificate.
  const forged = await createTlsIdentity(PROVIDER, at);
  expect(new X509Certificate(forged.certPem).serialNumber).toBe(
    new X509Certificate(served.certPem).serialNumber,
  );
  expect(
    await checkProviderCertificate(peer(forged.certPem), PROVIDER, {
      certificates: async () => [served.certPem],
    }),
  ).toBe(`its certificate differs from the one the provider registered on chain with serial ${serial}`);
});

test("a provider without a certificate on chain is refused unless trust is opted into", async () => {
  const { certPem } = await createTlsIdentity(PROVIDER);
  const none = async () => [];
  expect(await checkProviderCertificate(peer(certPem), PROVIDER, { certificates: none })).toMatch(
    /^the provider has no valid certificate on chain, so its gateway certificate cannot be verified/,
  );
  expect(await checkProviderCertificate(peer(certPem), PROVIDER, {})).toMatch(
    /no valid certificate on chain/,
  );
  expect(
    await checkProviderCertificate(peer(certPem), PROVIDER, {
      certificates: none,
      trustProvidersWithoutCertificate: true,
    }),
  ).toBeUndefined();
});

test("an expired certificate, or one not usable for serverAuth, is refused", async () => {
  const expired = await createTlsIdentity(PROVIDER, new Date("2020-01-01T00:00:00Z"));
  const onChain = async () => [expired.certPem];
  expect(
    await checkProviderCertificate(peer(expired.certPem), PROVIDER, { certificates: onChain }),
  ).toContain("expired");
  const { certPem } = await createTlsIdentity(PROVIDER);
  const clientOnly = { ...peer(certPem), ext_key_usage: ["1.3.6.1.5.5.7.3.2"] } as PeerCertificate;
  expect(await checkProviderCertificate(clientOnly, PROVIDER, { certificates: async () => [certPem] })).toBe(
    "its certificate is not usable for server authentication",
  );
});
