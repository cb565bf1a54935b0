/**
 * More of the rejections and restart persistence, through real clients: chain-sdk's own tx client
 * (createStargateClient) and cosmjs's SigningStargateClient with chain-sdk types. One chain, with minting halted
 * at genesis (BME circuit breaker) and a grantee that holds no ACT, so its deposits can only come from a grant.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChainNodeSDK, createStargateClient } from "@akashnetwork/chain-sdk";
import type { GeneratedType } from "@cosmjs/proto-signing";
import { QueryClient, type DeliverTxResponse, type SigningStargateClient } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { QueryStatusRequest, QueryStatusResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  MsgCreateDeployment,
  QueryDeploymentRequest,
  QueryDeploymentResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { QueryLeaseRequest, QueryLeaseResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { QueryGrantsRequest, QueryGrantsResponse } from "cosmjs-types/cosmos/authz/v1beta1/query";
import { QueryAllowanceRequest, QueryAllowanceResponse } from "cosmjs-types/cosmos/feegrant/v1beta1/query";
import { BasicAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import protobuf from "protobufjs";
import { defaultGenesis, startChain, type ChainHandle } from "../../../src/localnet/chain";
import { localnetKeys } from "../../../src/localnet/keys";
import { DEPOSIT_AUTHORIZATION_TYPE_URL } from "../../../src/localnet/chain/modules/akash/escrow/deposit-authorization";
import { connectAkashClient } from "../../support/akash-client";
import { groupSpec, hashOf } from "./support/fixtures";

const BLOCK_TIME_MS = 100;
const tenant = localnetKeys.testAccount();
const provider = localnetKeys.provider(0);
// A well-known key the localnet does not otherwise use: funded with AKT for fees only.
const grantee = localnetKeys.provider(7);
const DEPOSIT_MSG = "/akash.escrow.v1.MsgAccountDeposit";

/**
 * akash.escrow.v1.DepositAuthorization as mainnet v2 defines it: the deprecated `spend_limit` (1) must be empty and
 * the limits go in `spend_limits` (3), which the installed chain-sdk does not know yet, so the test declares it.
 */
const DepositAuthorization = protobuf.Root.fromJSON({
  nested: {
    Coin: { fields: { denom: { type: "string", id: 1 }, amount: { type: "string", id: 2 } } },
    DepositAuthorization: {
      fields: {
        spendLimit: { type: "Coin", id: 1 },
        scopes: { rule: "repeated", type: "int32", id: 2 },
        spendLimits: { rule: "repeated", type: "Coin", id: 3 },
      },
    },
  },
}).lookupType("DepositAuthorization");
const spendLimits = (value: Uint8Array) =>
  (DepositAuthorization.toObject(DepositAuthorization.decode(value)) as { spendLimits?: unknown[] })
    .spendLimits;

let dataDir: string;
let chain: ChainHandle;
let comet: CometClient;
let query: QueryClient;
const clients: SigningStargateClient[] = [];

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
    accounts: [{ address: grantee.address, coins: [{ denom: "uakt", amount: 10_000_000n }] }],
  });
  return { ...spec, modules: { ...spec.modules, bme: { mintsHalted: true } } };
}

async function connect(): Promise<void> {
  comet = await connectComet(chain.rpcUrl);
  query = new QueryClient(comet);
}

async function signer(mnemonic: string): Promise<SigningStargateClient> {
  const { client } = await connectAkashClient(chain.rpcUrl, mnemonic, 50);
  clients.push(client);
  return client;
}

async function abci<T>(path: string, request: Uint8Array, decoder: { decode(b: Uint8Array): T }): Promise<T> {
  return decoder.decode((await query.queryAbci(path, request)).value);
}

function expectSuccess(result: DeliverTxResponse): void {
  expect({ code: result.code, log: result.rawLog }).toEqual({ code: 0, log: "" });
}

const createDeployment = (
  owner: string,
  dseq: number,
  deposit: string,
  sources: number[],
  denom = "uact",
) => ({
  typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
  value: {
    id: { owner, dseq },
    groups: [groupSpec({ denom })],
    hash: hashOf(`grants ${owner} ${dseq}`),
    deposit: { amount: { denom, amount: deposit }, sources },
  },
});

const deploymentOf = (owner: string, dseq: number) =>
  abci(
    "/akash.deployment.v1beta4.Query/Deployment",
    QueryDeploymentRequest.encode(QueryDeploymentRequest.fromPartial({ id: { owner, dseq } })).finish(),
    QueryDeploymentResponse,
  );

const depositGrants = async () =>
  (
    await abci(
      "/cosmos.authz.v1beta1.Query/Grants",
      QueryGrantsRequest.encode({
        granter: tenant.address,
        grantee: grantee.address,
        msgTypeUrl: DEPOSIT_MSG,
      }).finish(),
      QueryGrantsResponse,
    )
  ).grants.map((g) => spendLimits(g.authorization!.value));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "akash-localnet-grants-"));
  chain = await startChain({ dataDir, port: 0, grpcPort: 0, blockTimeMs: BLOCK_TIME_MS, genesis: genesis() });
  await connect();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  comet?.disconnect();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("chain-sdk's own tx client (createStargateClient)", () => {
  it("creates a uact deployment, and gets uakt pricing and a low deposit rejected", async () => {
    // Without createChainNodeSDK having loaded the Akash services, chain-sdk's registry is empty: pass the type.
    const sdk = createStargateClient({
      baseUrl: chain.rpcUrl,
      signerMnemonic: tenant.mnemonic,
      stargateOptions: { broadcastPollIntervalMs: 50 },
      builtInTypes: [
        {
          ...(MsgCreateDeployment as unknown as GeneratedType),
          typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
        },
      ],
    });
    try {
      const created = await sdk.signAndBroadcast([createDeployment(tenant.address, 1, "5000000", [1])]);
      expectSuccess(created);
      expect((await deploymentOf(tenant.address, 1)).deployment?.state).toBe(1);
      // chain-sdk simulates first (gas estimate), so the chain's rejection surfaces from the simulation.
      await expect(
        sdk.signAndBroadcast([createDeployment(tenant.address, 2, "5000000", [1], "uakt")]),
      ).rejects.toThrow(/Deposit invalid/);
      await expect(sdk.signAndBroadcast([createDeployment(tenant.address, 3, "100", [1])])).rejects.toThrow(
        "Deposit too low - 100 < 500000uact: Deposit invalid",
      );
    } finally {
      await sdk.disconnect();
    }
  });
});

describe("chain-sdk's node SDK (createChainNodeSDK): queries over gRPC, txs over the RPC", () => {
  it("reads balances and deployments, reports NotFound, and creates a deployment through its tx helper", async () => {
    const tx = createStargateClient({
      baseUrl: chain.rpcUrl,
      signerMnemonic: tenant.mnemonic,
      stargateOptions: { broadcastPollIntervalMs: 50 },
    });
    const sdk = createChainNodeSDK({ query: { baseUrl: chain.grpcUrl! }, tx: { signer: tx } });
    try {
      const balance = await sdk.cosmos.bank.v1beta1.getBalance({ address: tenant.address, denom: "uakt" });
      expect(BigInt(balance.balance?.amount ?? "0")).toBeGreaterThan(0n);
      await expect(
        sdk.akash.deployment.v1beta4.getDeployment({ id: { owner: tenant.address, dseq: 424242 } }),
      ).rejects.toThrow(/not found/i);
      // Its typed tx helper (the Akash types get registered once the deployment service has loaded).
      await sdk.akash.deployment.v1beta4.createDeployment(
        createDeployment(tenant.address, 20, "5000000", [1]).value,
      );
      const found = await sdk.akash.deployment.v1beta4.getDeployment({
        id: { owner: tenant.address, dseq: 20 },
      });
      expect(found.deployment?.state).toBe(1);
      expect(found.escrowAccount?.state?.funds).toEqual([{ denom: "uact", amount: "5000000" }]);
    } finally {
      await tx.disconnect();
    }
  });
});

describe("minting with the BME circuit breaker tripped", () => {
  it("reports mints as not allowed and rejects MsgMintACT with a clear error, taking nothing", async () => {
    const status = await abci(
      "/akash.bme.v1.Query/Status",
      QueryStatusRequest.encode({}).finish(),
      QueryStatusResponse,
    );
    expect(status.mintsAllowed).toBe(false);
    const client = await signer(tenant.mnemonic);
    const before = await client.getBalance(tenant.address, "uakt");
    const mint = {
      typeUrl: "/akash.bme.v1.MsgMintACT",
      value: {
        owner: tenant.address,
        to: tenant.address,
        coinsToBurn: { denom: "uakt", amount: "20000000" },
      },
    };
    await expect(client.signAndBroadcast(tenant.address, [mint], "auto")).rejects.toThrow(
      "circuit breaker is active",
    );
    // Forced into a block with a fixed fee, it fails there too; only the fee is charged.
    const forced = await client.signAndBroadcast(tenant.address, [mint], {
      amount: [{ denom: "uakt", amount: "5000" }],
      gas: "300000",
    });
    expect(forced.code).not.toBe(0);
    expect(forced.rawLog).toContain("circuit breaker is active");
    expect(BigInt((await client.getBalance(tenant.address, "uakt")).amount)).toBe(
      BigInt(before.amount) - 5000n,
    );
  });
});

describe("deposit grants and restart persistence", () => {
  it("spends a deposit grant, rejects spending beyond it, and keeps deployments, leases and grants across a restart", async () => {
    const granter = await signer(tenant.mnemonic);
    const granteeClient = await signer(grantee.mnemonic);
    const providerClient = await signer(provider.mnemonic);

    // 3 ACT of deposits granted; the grantee owns no ACT itself.
    expectSuccess(
      await granter.signAndBroadcast(
        tenant.address,
        [
          {
            typeUrl: "/cosmos.authz.v1beta1.MsgGrant",
            value: {
              granter: tenant.address,
              grantee: grantee.address,
              grant: {
                authorization: {
                  typeUrl: DEPOSIT_AUTHORIZATION_TYPE_URL,
                  value: DepositAuthorization.encode({
                    spendLimits: [{ denom: "uact", amount: "3000000" }],
                    scopes: [1],
                  }).finish(),
                },
              },
            },
          },
          {
            typeUrl: "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
            value: {
              granter: tenant.address,
              grantee: grantee.address,
              allowance: {
                typeUrl: "/cosmos.feegrant.v1beta1.BasicAllowance",
                value: BasicAllowance.encode({ spendLimit: [{ denom: "uakt", amount: "700000" }] }).finish(),
              },
            },
          },
        ],
        "auto",
      ),
    );
    const granterBefore = BigInt((await granter.getBalance(tenant.address, "uact")).amount);

    // Deposit source 2 = grant.
    expectSuccess(
      await granteeClient.signAndBroadcast(
        grantee.address,
        [createDeployment(grantee.address, 10, "2000000", [2])],
        "auto",
      ),
    );
    expect(await depositGrants()).toEqual([[{ denom: "uact", amount: "1000000" }]]);
    await expect(
      granteeClient.signAndBroadcast(
        grantee.address,
        [createDeployment(grantee.address, 11, "2000000", [2])],
        "auto",
      ),
    ).rejects.toThrow(/insufficient/);
    expect(BigInt((await granter.getBalance(tenant.address, "uact")).amount)).toBe(
      granterBefore - 2_000_000n,
    );

    const bidId = { owner: grantee.address, dseq: 10, gseq: 1, oseq: 1, provider: provider.address, bseq: 0 };
    expectSuccess(
      await providerClient.signAndBroadcast(
        provider.address,
        [
          {
            typeUrl: "/akash.market.v1beta5.MsgCreateBid",
            value: {
              id: bidId,
              price: { denom: "uact", amount: "100" },
              deposit: { amount: { denom: "uakt", amount: "500000" }, sources: [1] },
              resourcesOffer: [],
            },
          },
        ],
        "auto",
      ),
    );
    const lease = await granteeClient.signAndBroadcast(
      grantee.address,
      [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId } }],
      "auto",
    );
    expectSuccess(lease);

    const leaseOf = () =>
      abci(
        "/akash.market.v1beta5.Query/Lease",
        QueryLeaseRequest.encode(QueryLeaseRequest.fromPartial({ id: bidId })).finish(),
        QueryLeaseResponse,
      );
    const allowance = async () =>
      BasicAllowance.decode(
        (
          await abci(
            "/cosmos.feegrant.v1beta1.Query/Allowance",
            QueryAllowanceRequest.encode({ granter: tenant.address, grantee: grantee.address }).finish(),
            QueryAllowanceResponse,
          )
        ).allowance!.allowance!.value,
      ).spendLimit;
    const deploymentBefore = await deploymentOf(grantee.address, 10);
    const leaseBefore = await leaseOf();

    // Stop and start again on the same data dir: the block log is replayed.
    for (const client of clients.splice(0)) client.disconnect();
    comet.disconnect();
    await chain.stop();
    const stoppedAt = chain.height();
    chain = await startChain({ dataDir, port: 0, blockTimeMs: BLOCK_TIME_MS });
    await connect();
    expect(chain.height()).toBeGreaterThanOrEqual(stoppedAt);

    const deploymentAfter = await deploymentOf(grantee.address, 10);
    expect(deploymentAfter.deployment).toEqual(deploymentBefore.deployment);
    expect(deploymentAfter.groups).toEqual(deploymentBefore.groups);
    expect(deploymentAfter.escrowAccount?.state?.deposits).toEqual(
      deploymentBefore.escrowAccount?.state?.deposits,
    );
    const leaseAfter = await leaseOf();
    expect(leaseAfter.lease).toEqual(leaseBefore.lease);
    expect(leaseAfter.lease?.state).toBe(1);
    expect(await depositGrants()).toEqual([[{ denom: "uact", amount: "1000000" }]]);
    expect(await allowance()).toEqual([{ denom: "uakt", amount: "700000" }]);

    // ...and keeps working: the grantee pays a fee through the allowance and closes; the grant is credited back.
    const again = await signer(grantee.mnemonic);
    const closed = await again.signAndBroadcast(
      grantee.address,
      [
        {
          typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment",
          value: { id: { owner: grantee.address, dseq: 10 } },
        },
      ],
      { amount: [{ denom: "uakt", amount: "5000" }], gas: "800000", granter: tenant.address },
    );
    expectSuccess(closed);
    expect(await allowance()).toEqual([{ denom: "uakt", amount: "695000" }]);
    expect((await leaseOf()).lease?.state).toBe(3);
    // What the lease did not use (100 uact per block) goes back to the granter's limit.
    const unused = 2_000_000 - 100 * (closed.height - lease.height);
    expect(await depositGrants()).toEqual([[{ denom: "uact", amount: String(1_000_000 + unused) }]]);
  });
});
