/**
 * The Akash modules inside the real localnet chain, driven by cosmjs's SigningStargateClient with chain-sdk's
 * generated types (no provider code): deployment create/reject, bid → lease → close with escrow refund,
 * certificates, and ACT minting after an epoch.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { QueryClient, type DeliverTxResponse, type SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import {
  MsgMintACTResponse,
  QueryCertificatesRequest,
  QueryCertificatesResponse,
  QueryStatusRequest,
  QueryStatusResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  QueryDeploymentRequest,
  QueryDeploymentResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { QueryLeaseRequest, QueryLeaseResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { chainModules, defaultGenesis, startChain, type ChainHandle } from "../../../src/localnet/chain";
import { akashModules } from "../../../src/localnet/chain/modules/akash";
import { localnetKeys } from "../../../src/localnet/keys";
import { connectAkashClient } from "../../support/akash-client";
import { groupSpec, hashOf } from "./support/fixtures";

const BLOCK_TIME_MS = 100;
const tenant = localnetKeys.testAccount();
const provider = localnetKeys.provider(0);

let chain: ChainHandle;
let dataDir: string;
let tenantClient: SigningStargateClient;
let providerClient: SigningStargateClient;
let query: QueryClient;

async function signingClient(mnemonic: string): Promise<SigningStargateClient> {
  return (await connectAkashClient(chain.rpcUrl, mnemonic, 100)).client;
}

function genesis() {
  const spec = defaultGenesis({
    providers: [
      {
        owner: provider.address,
        hostUri: "https://127.0.0.1:26757",
        attributes: [{ key: "region", value: "us-west" }],
        info: { email: "", website: "" },
      },
    ],
  });
  return { ...spec, modules: { ...spec.modules, bme: { minEpochBlocks: 2 } } };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "akash-localnet-modules-"));
  // Until the core registers the Akash modules itself, hand them in as extra modules.
  const registered = chainModules({ lookup: () => undefined }).some((m) => m.name === "deployment");
  chain = await startChain({
    dataDir,
    port: 0,
    blockTimeMs: BLOCK_TIME_MS,
    genesis: genesis(),
    modules: registered ? [] : akashModules(),
  });
  tenantClient = await signingClient(tenant.mnemonic);
  providerClient = await signingClient(provider.mnemonic);
  query = QueryClient.withExtensions(await connectComet(chain.rpcUrl));
});

afterAll(async () => {
  tenantClient?.disconnect();
  providerClient?.disconnect();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function abci<T>(path: string, request: Uint8Array, decoder: { decode(b: Uint8Array): T }): Promise<T> {
  const response = await query.queryAbci(path, request);
  return decoder.decode(response.value);
}

function createDeploymentMsg(dseq: number, priceDenom = "uact", price = "1000") {
  return {
    typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
    value: {
      id: { owner: tenant.address, dseq },
      groups: [groupSpec({ denom: priceDenom, price })],
      hash: hashOf(`e2e ${dseq}`),
      deposit: { amount: { denom: priceDenom, amount: "5000000" }, sources: [1] },
    },
  };
}

const bidId = (dseq: number) => ({
  owner: tenant.address,
  dseq,
  gseq: 1,
  oseq: 1,
  provider: provider.address,
  bseq: 0,
});

function expectSuccess(result: DeliverTxResponse): void {
  expect({ code: result.code, log: result.rawLog }).toEqual({ code: 0, log: "" });
}

it("creates a uact deployment through cosmjs and serves it over abci_query", async () => {
  const result = await tenantClient.signAndBroadcast(tenant.address, [createDeploymentMsg(1)], "auto");
  expectSuccess(result);
  expect(result.events.map((e) => e.type)).toContain("akash.deployment.v1.EventDeploymentCreated");
  expect(result.msgResponses[0]?.typeUrl).toBe("/akash.deployment.v1beta4.MsgCreateDeploymentResponse");
  const res = await abci(
    "/akash.deployment.v1beta4.Query/Deployment",
    QueryDeploymentRequest.encode(
      QueryDeploymentRequest.fromPartial({ id: { owner: tenant.address, dseq: 1 } }),
    ).finish(),
    QueryDeploymentResponse,
  );
  expect(res.deployment?.state).toBe(1);
  expect(res.escrowAccount?.state?.funds).toEqual([{ denom: "uact", amount: "5000000" }]);
});

it("rejects uakt pricing and a deposit below the minimum (simulate fails, so does the block)", async () => {
  await expect(
    tenantClient.signAndBroadcast(tenant.address, [createDeploymentMsg(2, "uakt")], "auto"),
  ).rejects.toThrow(/Deposit invalid/);
  const low = createDeploymentMsg(3);
  low.value.deposit.amount.amount = "100";
  const result = await tenantClient.signAndBroadcast(tenant.address, [low], {
    amount: [{ denom: "uakt", amount: "5000" }],
    gas: "500000",
  });
  expect(result.code).toBe(20);
  expect(result.rawLog).toContain("Deposit too low - 100 < 500000uact: Deposit invalid");
});

it("bids, leases and closes with the escrow paying the provider and refunding the tenant", async () => {
  const dseq = 10;
  expectSuccess(await tenantClient.signAndBroadcast(tenant.address, [createDeploymentMsg(dseq)], "auto"));
  expectSuccess(
    await providerClient.signAndBroadcast(
      provider.address,
      [
        {
          typeUrl: "/akash.market.v1beta5.MsgCreateBid",
          value: {
            id: bidId(dseq),
            price: { denom: "uact", amount: "500" },
            deposit: { amount: { denom: "uakt", amount: "500000" }, sources: [1] },
            resourcesOffer: [],
          },
        },
      ],
      "auto",
    ),
  );
  const lease = await tenantClient.signAndBroadcast(
    tenant.address,
    [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: bidId(dseq) } }],
    "auto",
  );
  expectSuccess(lease);
  const providerBefore = await tenantClient.getBalance(provider.address, "uact");
  const tenantBefore = await tenantClient.getBalance(tenant.address, "uact");
  await chain.waitForHeight(BigInt(lease.height) + 3n);
  const closed = await tenantClient.signAndBroadcast(
    tenant.address,
    [
      {
        typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment",
        value: { id: { owner: tenant.address, dseq } },
      },
    ],
    "auto",
  );
  expectSuccess(closed);
  const blocks = BigInt(closed.height - lease.height);
  const paid =
    BigInt((await tenantClient.getBalance(provider.address, "uact")).amount) - BigInt(providerBefore.amount);
  expect(paid).toBe(500n * blocks);
  const refunded =
    BigInt((await tenantClient.getBalance(tenant.address, "uact")).amount) - BigInt(tenantBefore.amount);
  expect(refunded).toBe(5_000_000n - 500n * blocks);
  const res = await abci(
    "/akash.market.v1beta5.Query/Lease",
    QueryLeaseRequest.encode(QueryLeaseRequest.fromPartial({ id: bidId(dseq) })).finish(),
    QueryLeaseResponse,
  );
  expect(res.lease?.state).toBe(3);
  expect(res.escrowPayment?.state?.withdrawn?.amount).toBe(paid.toString());
});

it("publishes and revokes a client certificate", async () => {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "0a1b2c",
    name: `CN=${tenant.address}`,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys,
    signingAlgorithm: alg,
  });
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", keys.publicKey)).toString("base64");
  const pubkeyPem = `-----BEGIN EC PUBLIC KEY-----\n${spki.match(/.{1,64}/g)?.join("\n")}\n-----END EC PUBLIC KEY-----\n`;
  const create = {
    typeUrl: "/akash.cert.v1.MsgCreateCertificate",
    value: {
      owner: tenant.address,
      cert: new TextEncoder().encode(cert.toString("pem")),
      pubkey: new TextEncoder().encode(pubkeyPem),
    },
  };
  expectSuccess(await tenantClient.signAndBroadcast(tenant.address, [create], "auto"));
  await expect(tenantClient.signAndBroadcast(tenant.address, [create], "auto")).rejects.toThrow(
    /certificate exists/,
  );
  const serial = BigInt("0x0a1b2c").toString();
  expectSuccess(
    await tenantClient.signAndBroadcast(
      tenant.address,
      [{ typeUrl: "/akash.cert.v1.MsgRevokeCertificate", value: { id: { owner: tenant.address, serial } } }],
      "auto",
    ),
  );
  const res = await abci(
    "/akash.cert.v1.Query/Certificates",
    QueryCertificatesRequest.encode(
      QueryCertificatesRequest.fromPartial({ filter: { owner: tenant.address } }),
    ).finish(),
    QueryCertificatesResponse,
  );
  expect(res.certificates.map((c) => [c.serial, c.certificate?.state])).toEqual([[serial, 2]]);
});

it("mints ACT from AKT once the next BME epoch runs", async () => {
  const status = await abci(
    "/akash.bme.v1.Query/Status",
    QueryStatusRequest.encode({}).finish(),
    QueryStatusResponse,
  );
  expect(status.mintsAllowed).toBe(true);
  const before = BigInt((await tenantClient.getBalance(tenant.address, "uact")).amount);
  const result = await tenantClient.signAndBroadcast(
    tenant.address,
    [
      {
        typeUrl: "/akash.bme.v1.MsgMintACT",
        value: {
          owner: tenant.address,
          to: tenant.address,
          coinsToBurn: { denom: "uakt", amount: "20000000" },
        },
      },
    ],
    "auto",
  );
  expectSuccess(result);
  // The tx only queues a ledger record; the mint happens in a later EndBlocker.
  const response = MsgMintACTResponse.decode(result.msgResponses[0]?.value ?? new Uint8Array());
  expect(response.status).toBe(1);
  expect(result.events.map((e) => e.type)).not.toContain("akash.bme.v1.EventLedgerRecordExecuted");
  await chain.waitForHeight(BigInt(result.height) + 3n);
  // 20 AKT at the localnet price of 1 ACT, minus the 25 bps mint spread.
  expect(BigInt((await tenantClient.getBalance(tenant.address, "uact")).amount) - before).toBe(19_950_000n);
});
