/**
 * The remaining message kinds and queries against a real localnet: deposit authorizations, fee allowances,
 * certificates, ACT minting, providers and audited attributes, account and BME status.
 */
import { X509Certificate } from "node:crypto";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { localnetKeys } from "../../src/localnet/keys";
import { createTlsIdentity } from "../../src/localnet/provider/tls-identity";
import { startTestLocalnet, type TestLocalnet } from "./support/localnet";
import { eventually } from "../support/eventually";

let ln: TestLocalnet;
let chain: CosmosChain;
let owner: string;
const grantee = localnetKeys.provider(9).address;

beforeAll(async () => {
  ln = await startTestLocalnet(2);
  owner = ln.net.address;
  chain = await createCosmosChain({
    nodes: [ln.net.node],
    mnemonic: ln.net.mnemonic,
    pollIntervalMs: 100,
    batchWindowMs: 50,
  });
});

afterAll(async () => {
  await chain?.close();
  await ln?.stop();
});

test("account, providers, audited attributes, params and BME status", async () => {
  const account = await chain.account(owner);
  expect(account).toMatchObject({ address: owner, hasPubkey: false });
  expect(await chain.account(grantee)).toBeUndefined();
  const providers = await chain.providers();
  expect(providers.map((p) => p.owner).sort()).toEqual(ln.net.providers.map((p) => p.address).sort());
  const audited = await chain.auditedAttributes(ln.net.providers[0]!.address);
  expect(audited[0]).toMatchObject({
    provider: ln.net.providers[0]!.address,
    auditor: localnetKeys.auditor().address,
  });
  expect(audited[0]!.attributes.length).toBeGreaterThan(0);
  expect((await chain.auditedAttributes()).length).toBeGreaterThanOrEqual(1);
  expect((await chain.deploymentParams()).minDeposits).toContainEqual({ denom: "uact", amount: 500_000n });
  expect(typeof (await chain.bmeStatus()).mintsAllowed).toBe("boolean");
});

test("deposit authorization: grant, list by granter and grantee, revoke", async () => {
  const tx = chain.transactions!;
  await tx.submit({
    kind: "grantDepositAuthorization",
    granter: owner,
    grantee,
    spendLimits: [{ denom: "uact", amount: 7_000_000n }],
  });
  const expected = {
    granter: owner,
    grantee,
    spendLimits: [{ denom: "uact", amount: 7_000_000n }],
    scopes: ["deployment"],
  };
  expect(await chain.depositGrants({ granter: owner })).toEqual([expect.objectContaining(expected)]);
  expect(await chain.depositGrants({ grantee })).toEqual([expect.objectContaining(expected)]);
  expect(await chain.depositGrants({ granter: owner, grantee })).toEqual([expect.objectContaining(expected)]);
  await tx.submit({ kind: "revokeDepositAuthorization", granter: owner, grantee });
  expect(await chain.depositGrants({ granter: owner, grantee })).toEqual([]);
});

test("fee allowance: grant, read, revoke", async () => {
  const tx = chain.transactions!;
  const expiration = new Date(Date.now() + 24 * 3600 * 1000);
  expiration.setMilliseconds(0);
  await tx.submit({
    kind: "grantFeeAllowance",
    granter: owner,
    grantee,
    spendLimit: [{ denom: "uakt", amount: 1_000_000n }],
    expiration,
  });
  const [allowance] = await chain.feeAllowances({ granter: owner, grantee });
  expect(allowance).toMatchObject({
    granter: owner,
    grantee,
    kind: "basic",
    spendLimit: [{ denom: "uakt", amount: 1_000_000n }],
  });
  expect(allowance?.expiration?.getTime()).toBe(expiration.getTime());
  expect(await chain.feeAllowances({ grantee })).toHaveLength(1);
  await tx.submit({ kind: "revokeFeeAllowance", granter: owner, grantee });
  expect(await chain.feeAllowances({ granter: owner, grantee })).toEqual([]);
});

test("certificate: create, list, revoke", async () => {
  const identity = await createTlsIdentity(owner);
  const serial = BigInt(`0x${new X509Certificate(identity.certPem).serialNumber}`).toString(10);
  await chain.transactions!.submit({
    kind: "createCertificate",
    owner,
    certPem: identity.certPem,
    pubkeyPem: identity.pubkeyPem,
  });
  const valid = await chain.certificates(owner, { state: "valid" });
  expect(valid).toEqual([
    expect.objectContaining({ owner, serial, state: "valid", certPem: identity.certPem }),
  ]);
  await chain.transactions!.submit({ kind: "revokeCertificate", owner, serial });
  expect(await chain.certificates(owner, { state: "valid" })).toEqual([]);
  expect((await chain.certificates(owner))[0]?.state).toBe("revoked");
});

test("minting ACT: the burn is accepted and uact arrives at a later epoch", async () => {
  const uact = async () => (await chain.balances(owner)).find((c) => c.denom === "uact")?.amount ?? 0n;
  const before = await uact();
  await chain.transactions!.submit({
    kind: "mintAct",
    owner,
    amount: { denom: "uakt", amount: 50_000_000n },
  });
  const after = await eventually(
    "the minted uact to arrive",
    async () => {
      chain.invalidate();
      const now = await uact();
      return now > before ? now : undefined;
    },
    { timeoutMs: 30_000, pollMs: 300 },
  );
  expect(after).toBeGreaterThan(before);
});
