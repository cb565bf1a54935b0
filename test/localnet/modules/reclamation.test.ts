/**
 * AEP-82 reclamation in the localnet chain, through real cosmjs clients (chain-sdk types plus the localnet's v2.1
 * codecs for the fields chain-sdk lacks). The cases follow node v2.1's x/market/handler/handler_reclamation_test.go
 * and x/deployment/handler/server.go: the deployment's minimum is bounded by the market params and carried by
 * its orders, bids must offer a long enough window within the bounds, the lease inherits the bid's window, the
 * provider starts reclamation and may close only after the deadline, the tenant may close any time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SigningStargateClient } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { Lease } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { QueryDeploymentRequest } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import {
  QueryBidRequest,
  QueryLeaseRequest,
  QueryLeasesRequest,
  QueryOrderRequest,
  QueryParamsRequest,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { defaultGenesis, startChain, type ChainHandle } from "../../../src/localnet/chain";
import { localnetKeys } from "../../../src/localnet/keys";
import {
  listItems,
  readBidReclamationWindow,
  readDeploymentReclamation,
  readLeaseReclamation,
  readMarketReclamationBounds,
  readOrderReclamation,
} from "../../../src/localnet/chain/modules/akash/v21/records";
import { messageAt } from "../../../src/localnet/chain/modules/akash/v21/wire";
import { eventually } from "../../support/eventually";
import { groupSpec, hashOf } from "./support/fixtures";
import { checkTx, deliver, rawQuerier, seconds, v21Client, type BlockOutcome } from "./support/v21-client";

const tenant = localnetKeys.testAccount();
const providers = [0, 1, 2, 3].map((i) => localnetKeys.provider(i));

let dataDir: string;
let chain: ChainHandle;
let comet: CometClient;
let raw: (path: string, request: Uint8Array) => Promise<Uint8Array>;
let tenantClient: SigningStargateClient;
const providerClients: SigningStargateClient[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "akash-localnet-reclamation-"));
  const spec = defaultGenesis({
    providers: providers.map((p) => ({
      owner: p.address,
      hostUri: "https://127.0.0.1:26757",
      attributes: [{ key: "region", value: "us-west" }],
      info: { email: "", website: "" },
    })),
  });
  const genesis = {
    ...spec,
    modules: {
      ...spec.modules,
      market: { params: { minReclamationWindowSeconds: 1, maxReclamationWindowSeconds: 3600 } },
    },
  };
  chain = await startChain({ dataDir, port: 0, blockTimeMs: 100, genesis });
  ({ comet, raw } = await rawQuerier(chain.rpcUrl));
  tenantClient = await v21Client(chain.rpcUrl, tenant.mnemonic);
  for (const p of providers) providerClients.push(await v21Client(chain.rpcUrl, p.mnemonic));
});

afterAll(async () => {
  tenantClient?.disconnect();
  for (const c of providerClients) c.disconnect();
  comet?.disconnect();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const createDeployment = (dseq: number, minWindowSeconds?: number) => ({
  typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
  value: {
    id: { owner: tenant.address, dseq },
    groups: [groupSpec({ price: "1000" })],
    hash: hashOf(`reclamation ${dseq}`),
    deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [1] },
    ...(minWindowSeconds === undefined ? {} : { reclamation: { minWindowNs: seconds(minWindowSeconds) } }),
  },
});

const bidId = (dseq: number, provider: number, oseq = 1) => ({
  owner: tenant.address,
  dseq,
  gseq: 1,
  oseq,
  provider: providers[provider]!.address,
  bseq: 0,
});

const createBid = (dseq: number, provider: number, windowSeconds?: number) => ({
  typeUrl: "/akash.market.v1beta5.MsgCreateBid",
  value: {
    id: bidId(dseq, provider),
    price: { denom: "uact", amount: "500" },
    deposit: { amount: { denom: "uakt", amount: "500000" }, sources: [1] },
    resourcesOffer: [],
    ...(windowSeconds === undefined ? {} : { reclamationWindowNs: seconds(windowSeconds) }),
  },
});

const asProvider = (i: number, msg: { typeUrl: string; value: object }) =>
  deliver(comet, providerClients[i]!, providers[i]!.address, [msg]);
const asTenant = (msg: { typeUrl: string; value: object }) =>
  deliver(comet, tenantClient, tenant.address, [msg]);

function expectOk(outcome: BlockOutcome): void {
  expect({ code: outcome.code, log: outcome.log }).toEqual({ code: 0, log: "" });
}

function expectFailure(outcome: BlockOutcome, codespace: string, code: number, text: string): void {
  expect({ codespace: outcome.codespace, code: outcome.code, log: outcome.log }).toEqual({
    codespace,
    code,
    log: `failed to execute message; message index: 0: ${text}`,
  });
}

const orderBytes = async (dseq: number, oseq = 1) =>
  messageAt(
    await raw(
      "/akash.market.v1beta5.Query/Order",
      QueryOrderRequest.encode(
        QueryOrderRequest.fromPartial({ id: { owner: tenant.address, dseq, gseq: 1, oseq } }),
      ).finish(),
    ),
    1,
  )!;

const leaseBytes = async (dseq: number, provider: number) =>
  messageAt(
    await raw(
      "/akash.market.v1beta5.Query/Lease",
      QueryLeaseRequest.encode(QueryLeaseRequest.fromPartial({ id: bidId(dseq, provider) })).finish(),
    ),
    1,
  )!;

const startReclaim = (dseq: number, provider: number, reason = 10001) => ({
  typeUrl: "/akash.market.v1beta5.MsgLeaseStartReclaim",
  value: { id: bidId(dseq, provider), reason },
});

const closeBid = (dseq: number, provider: number, reason = 10001) => ({
  typeUrl: "/akash.market.v1beta5.MsgCloseBid",
  value: { id: bidId(dseq, provider), reason },
});

const createLease = (dseq: number, provider: number) => ({
  typeUrl: "/akash.market.v1beta5.MsgCreateLease",
  value: { bidId: bidId(dseq, provider) },
});

describe("deployment reclamation requirement", () => {
  it("is bounded by the market params, stored on the deployment and carried by its orders", async () => {
    const bounds = readMarketReclamationBounds(
      messageAt(await raw("/akash.market.v1beta5.Query/Params", QueryParamsRequest.encode({}).finish()), 1)!,
    );
    expect(bounds).toEqual({ minNs: seconds(1), maxNs: seconds(3600) });

    expectOk(await asTenant(createDeployment(1, 10)));
    const deployment = messageAt(
      await raw(
        "/akash.deployment.v1beta4.Query/Deployment",
        QueryDeploymentRequest.encode(
          QueryDeploymentRequest.fromPartial({ id: { owner: tenant.address, dseq: 1 } }),
        ).finish(),
      ),
      1,
    )!;
    expect(readDeploymentReclamation(deployment)).toEqual({ minWindowNs: seconds(10) });
    expect(readOrderReclamation(await orderBytes(1))).toEqual({ minWindowNs: seconds(10) });

    expectFailure(
      await asTenant(createDeployment(2, 0.5)),
      "deployment",
      26,
      "min_window below governance minimum: invalid reclamation configuration",
    );
    expectFailure(
      await asTenant(createDeployment(3, 7200)),
      "deployment",
      26,
      "min_window above governance maximum: invalid reclamation configuration",
    );
    // ValidateBasic (CheckTx): a negative window never reaches a block.
    expect(await checkTx(comet, tenantClient, tenant.address, [createDeployment(4, -5)])).toEqual({
      codespace: "deployment",
      code: 26,
      log: "min_window must be >= 0: invalid reclamation configuration",
    });
  });

  it("is carried by an order that StartGroup creates", async () => {
    expectOk(await asTenant(createDeployment(20, 5)));
    const group = { owner: tenant.address, dseq: 20, gseq: 1 };
    expectOk(await asTenant({ typeUrl: "/akash.deployment.v1beta4.MsgPauseGroup", value: { id: group } }));
    expectOk(await asTenant({ typeUrl: "/akash.deployment.v1beta4.MsgStartGroup", value: { id: group } }));
    expect(readOrderReclamation(await orderBytes(20, 2))).toEqual({ minWindowNs: seconds(5) });
  });
});

describe("bids", () => {
  it("must offer a window when the order requires one, at least its minimum, within the bounds", async () => {
    expectFailure(
      await asProvider(0, createBid(1, 0)),
      "market",
      40,
      "order requires reclamation but bid does not offer it",
    );
    expectFailure(
      await asProvider(1, createBid(1, 1, 5)),
      "market",
      41,
      "reclamation window shorter than order minimum",
    );
    expectFailure(
      await asProvider(2, createBid(1, 2, 3601)),
      "market",
      39,
      "reclamation window outside governance bounds",
    );
    expectOk(await asProvider(3, createBid(1, 3, 20)));
    const bid = messageAt(
      await raw(
        "/akash.market.v1beta5.Query/Bid",
        QueryBidRequest.encode(QueryBidRequest.fromPartial({ id: bidId(1, 3) })).finish(),
      ),
      1,
    )!;
    expect(readBidReclamationWindow(bid)).toBe(seconds(20));
  });

  it("may offer a window the order does not require, but not one outside the bounds", async () => {
    expectOk(await asTenant(createDeployment(5)));
    expectFailure(
      await asProvider(0, createBid(5, 0, 0.5)),
      "market",
      39,
      "reclamation window outside governance bounds",
    );
    expectOk(await asProvider(0, createBid(5, 0, 30)));
    expect(await checkTx(comet, providerClients[1]!, providers[1]!.address, [createBid(5, 1, -1)])).toEqual({
      codespace: "market",
      code: 39,
      log: "reclamation window outside governance bounds",
    });
  });
});

describe("leases", () => {
  it("inherit the winning bid's window; the provider reclaims, then closes only after the deadline", async () => {
    const windowSeconds = 3;
    expectOk(await asTenant(createDeployment(6)));
    expectOk(await asProvider(0, createBid(6, 0, windowSeconds)));
    expectOk(await asTenant(createLease(6, 0)));
    expect(readLeaseReclamation(await leaseBytes(6, 0))).toEqual({
      windowNs: seconds(windowSeconds),
      startedAt: 0n,
      deadline: 0n,
      reason: 0,
    });
    expectFailure(
      await asProvider(0, closeBid(6, 0)),
      "market",
      37,
      "reclamation not started; call MsgLeaseStartReclaim first",
    );

    const started = await asProvider(0, startReclaim(6, 0));
    expectOk(started);
    const blockTime = (await comet.block(started.height)).block.header.time.getTime();
    const deadline = BigInt(Math.floor((blockTime + windowSeconds * 1000) / 1000));
    const event = started.events.find((e) => e.type === "akash.market.v1.EventLeaseReclaimStarted");
    expect(Object.fromEntries(event!.attributes.map((a) => [a.key, a.value]))).toMatchObject({
      deadline: `"${deadline}"`,
      reason: '"lease_closed_reason_decommission"',
      msg_index: "0",
    });
    const lease = await leaseBytes(6, 0);
    expect(Lease.decode(lease).state).toBe(4); // reclaiming
    expect(readLeaseReclamation(lease)).toEqual({
      windowNs: seconds(windowSeconds),
      startedAt: BigInt(started.height),
      deadline,
      reason: 10001,
    });
    const reclaiming = listItems(
      await raw(
        "/akash.market.v1beta5.Query/Leases",
        QueryLeasesRequest.encode(
          QueryLeasesRequest.fromPartial({ filters: { owner: tenant.address, state: "reclaiming" } }),
        ).finish(),
      ),
      1,
    ).map((bytes) => Lease.decode(bytes).id?.dseq.toString());
    expect(reclaiming).toEqual(["6"]);

    expectFailure(await asProvider(0, startReclaim(6, 0)), "market", 10, "lease not active");
    expectFailure(await asProvider(0, closeBid(6, 0)), "market", 38, "reclamation window has not elapsed");
    await eventually("a block past the deadline", async () => {
      const latest = await comet.block();
      return latest.block.header.time.getTime() >= Number(deadline) * 1000;
    });
    expectOk(await asProvider(0, closeBid(6, 0, 10001)));
    const closed = Lease.decode(await leaseBytes(6, 0));
    expect({ state: closed.state, reason: closed.reason }).toEqual({ state: 3, reason: 10001 });
  });

  it("can be closed by the tenant while reclaiming, or with reclamation configured but not started", async () => {
    expectOk(await asTenant(createDeployment(7, 5)));
    expectOk(await asProvider(0, createBid(7, 0, 1000)));
    expectOk(await asTenant(createLease(7, 0)));
    expectOk(await asProvider(0, startReclaim(7, 0)));
    const closeLease = (dseq: number, provider: number) => ({
      typeUrl: "/akash.market.v1beta5.MsgCloseLease",
      value: { id: bidId(dseq, provider) },
    });
    expectOk(await asTenant(closeLease(7, 0)));
    const closed = Lease.decode(await leaseBytes(7, 0));
    expect({ state: closed.state, reason: closed.reason }).toEqual({ state: 3, reason: 1 });
    // The group is still open: the new order carries the deployment's requirement.
    expect(readOrderReclamation(await orderBytes(7, 2))).toEqual({ minWindowNs: seconds(5) });

    expectOk(await asTenant(createDeployment(8)));
    expectOk(await asProvider(1, createBid(8, 1, 1000)));
    expectOk(await asTenant(createLease(8, 1)));
    expectOk(await asTenant(closeLease(8, 1)));
    expect(Lease.decode(await leaseBytes(8, 1)).state).toBe(3);
  });

  it("cannot be reclaimed without a window, when unknown or closed, or with a tenant-side reason", async () => {
    expectOk(await asTenant(createDeployment(9)));
    expectOk(await asProvider(0, createBid(9, 0)));
    expectOk(await asTenant(createLease(9, 0)));
    expect(readLeaseReclamation(await leaseBytes(9, 0))).toBeUndefined();
    expectFailure(
      await asProvider(0, startReclaim(9, 0)),
      "market",
      35,
      "lease does not have reclamation configured",
    );
    expectFailure(await asProvider(1, startReclaim(9, 1)), "market", 7, "unknown lease");
    // Without reclamation the provider closes at once (pre-v2.1 behaviour), and then cannot reclaim.
    expectOk(await asProvider(0, closeBid(9, 0)));
    expectFailure(await asProvider(0, startReclaim(9, 0)), "market", 10, "lease not active");
    expect(await checkTx(comet, providerClients[0]!, providers[0]!.address, [startReclaim(9, 0, 5)])).toEqual(
      {
        codespace: "market",
        code: 33,
        log: 'value "5" range 10000..19999: invalid lease closed reason',
      },
    );
  });
});
