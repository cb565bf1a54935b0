/** Which gateway certificates we trust (see src/akash/adapters/gateway/provider-tls.ts). */
import { X509Certificate } from "node:crypto";
import type { PeerCertificate } from "node:tls";
import { checkProviderCertificate } from "../../../src/akash/adapters/gateway/provider-tls";
import { createTlsIdentity } from "../../../src/localnet/provider/tls-identity";

const PROVIDER = "akash1swyafq68a4zmnjez8aeg34ltssmx06n6523xcx";

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
  } as unknown as PeerCertificate;
}

test("a self-signed certificate issued to the provider's address is accepted", async () => {
  const { certPem } = await createTlsIdentity(PROVIDER);
  expect(await checkProviderCertificate(peer(certPem), PROVIDER, undefined)).toBeUndefined();
});

test("a certificate for another address is refused", async () => {
  const { certPem } = await createTlsIdentity("akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l");
  expect(await checkProviderCertificate(peer(certPem), PROVIDER, undefined)).toContain("not to the provider");
});

test("when the provider has certificates on chain, the served one must be among them", async () => {
  const served = await createTlsIdentity(PROVIDER);
  const other = await createTlsIdentity(PROVIDER);
  expect(
    await checkProviderCertificate(peer(served.certPem), PROVIDER, async () => [served.certPem]),
  ).toBeUndefined();
  expect(
    await checkProviderCertificate(peer(served.certPem), PROVIDER, async () => [other.certPem]),
  ).toContain("registered on chain");
  // No certificates on chain: the CN check is all we have.
  expect(await checkProviderCertificate(peer(served.certPem), PROVIDER, async () => [])).toBeUndefined();
});

test("an expired certificate is refused", async () => {
  const { certPem } = await createTlsIdentity(PROVIDER, new Date("2020-01-01T00:00:00Z"));
  expect(await checkProviderCertificate(peer(certPem), PROVIDER, undefined)).toContain("expired");
});
