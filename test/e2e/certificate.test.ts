/**
 * akash_certificate and mTLS through the real terraform binary: the certificate is published on chain, a lease
 * authenticates to the provider with it instead of a JWT, a certificate revoked outside Terraform is recreated,
 * an expired one is replaced (the plan says why), and destroy revokes it.
 */
import { request } from "node:https";
import { ProviderGatewayClient } from "../../src/akash/adapters/gateway/provider-gateway-client";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { mnemonicSigner } from "../../src/akash/adapters/cosmos/mnemonic-signer";
import { isGatewayError } from "../../src/akash/ports/errors";
import { stateOf, startE2eNet, type E2eNet } from "./localnet-terraform";
import { namedStep } from "../support/named-step";
import { webSdl } from "../support/web-sdl";
import { expectEmptyPlan, inWorkspace } from "./acceptance";
import { MTLS_LEASE_TF } from "./mtls-lease-tf";

let e2e: E2eNet;
let owner: CosmosChain;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 200, providers: 1 });
  owner = await createCosmosChain({
    nodes: [e2e.net.node],
    mnemonic: e2e.net.mnemonic,
    cacheTtlMs: 0,
    pollIntervalMs: 100,
  });
});

afterAll(async () => {
  await owner?.close();
  await e2e?.stop();
});

/** GET with only the client certificate (no JWT): the provider must accept the certificate itself. */
function getWithCertificate(url: URL, cert: string, key: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", cert, key, rejectUnauthorized: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

// One terraform state carried from create to destroy: each named step builds on the one before it.
test("mTLS with an on-chain certificate: create, revoked outside Terraform and recreated, destroy", async () => {
  let dir: string;

  await namedStep(
    "create: the certificate is on chain and the lease runs with the manifest sent over mTLS",
    async () => {
      dir = await e2e.workspace(MTLS_LEASE_TF, { "deploy.yaml": webSdl() });
      const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      const cert = await stateOf(e2e, dir, "akash_certificate.me");
      expect(cert).toMatchObject({ owner: e2e.net.address, state: "valid" });
      const onChain = await owner.certificates(e2e.net.address, { state: "valid" });
      expect(onChain.map((c) => c.serial)).toContain(cert.serial);
      expect(onChain.find((c) => c.serial === cert.serial)?.certPem).toBe(cert.cert_pem);

      const lease = await stateOf(e2e, dir, "akash_lease.app");
      expect(lease).toMatchObject({ state: "active", provider_auth: "mtls" });
      // The provider holds the manifest; reading it back with the certificate alone proves it accepts mTLS for it.
      const url = new URL(
        `/lease/${String(lease.dseq)}/${String(lease.gseq)}/${String(lease.oseq)}/manifest`,
        String(lease.host_uri),
      );
      const got = await getWithCertificate(url, cert.cert_pem as string, cert.private_key_pem as string);
      expect(got.status).toBe(200);
      expect(JSON.parse(got.body)).toEqual([expect.objectContaining({ name: "dc" })]);

      const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
      expect(plan.code).toBe(0);
    },
  );

  await namedStep(
    "a certificate revoked outside Terraform is recreated; the revoked one is refused by the provider",
    async () => {
      const before = await stateOf(e2e, dir, "akash_certificate.me");
      await owner.transactions!.submit({
        kind: "revokeCertificate",
        owner: e2e.net.address,
        serial: before.serial as string,
      });
      const lease = await stateOf(e2e, dir, "akash_lease.app");
      const gateway = new ProviderGatewayClient({
        signer: await mnemonicSigner(e2e.net.mnemonic),
        clientCertificate: { certPem: before.cert_pem as string, keyPem: before.private_key_pem as string },
        certificates: async (provider) =>
          (await owner.certificates(provider, { state: "valid" })).map((c) => c.certPem),
      });
      const endpoint = { hostUri: String(lease.host_uri), address: String(lease.provider_address) };
      const refused = await gateway
        .leaseStatus(endpoint, {
          owner: e2e.net.address,
          dseq: BigInt(String(lease.dseq)),
          gseq: Number(lease.gseq),
          oseq: Number(lease.oseq),
          provider: String(lease.provider_address),
          bseq: 0,
        })
        .catch((error: unknown) => error);
      expect(isGatewayError(refused, "client-certificate-rejected")).toBe(true);
      expect((refused as Error).message).toMatch(/did not accept the client certificate/);

      const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
      expect(plan.code).toBe(2);
      expect(plan.stdout).toMatch(/akash_certificate\.me will be created/);
      const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      const after = await stateOf(e2e, dir, "akash_certificate.me");
      expect(after.serial).not.toBe(before.serial);
      expect((await stateOf(e2e, dir, "akash_lease.app")).state).toBe("active");
      await expectEmptyPlan(inWorkspace(e2e, dir), "the new certificate");
    },
  );

  await namedStep("destroy revokes the certificate on chain", async () => {
    const cert = await stateOf(e2e, dir, "akash_certificate.me");
    const destroy = await e2e.tf(dir, ["destroy", "-auto-approve"]);
    expect(destroy.code).toBe(0);
    const all = await owner.certificates(e2e.net.address);
    expect(all.find((c) => c.serial === cert.serial)?.state).toBe("revoked");
  });
}, 600_000);

test("an expired certificate is replaced and the plan says why", async () => {
  const dir = await e2e.workspace(`resource "akash_certificate" "short" {\n  validity = "10s"\n}\n`);
  expect((await e2e.tf(dir, ["apply", "-auto-approve"])).code).toBe(0);
  const fresh = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
  expect(fresh.stdout).toContain("No changes");
  const notAfter = new Date(String((await stateOf(e2e, dir, "akash_certificate.short")).not_after));
  // Waits out the validity itself: the scenario is wall-clock expiry, not a process to synchronise with.
  await new Promise((r) => setTimeout(r, Math.max(0, notAfter.getTime() - Date.now()) + 500));
  const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
  expect(plan.code).toBe(2);
  expect(plan.stdout).toMatch(/akash_certificate\.short must be replaced/);
  expect(plan.stdout).toMatch(/expired at/);
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
});
