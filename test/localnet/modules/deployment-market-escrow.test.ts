/**
 * Deployment, market and escrow handlers run on the in-memory harness: happy paths, mainnet v2 rejections,
 * lease settlement with refunds, overdraw, and deposit grants.
 */
import {
  DepositAuthorization,
  MsgAccountDeposit,
  QueryAccountsRequest,
  QueryAccountsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  MsgCloseDeployment,
  MsgCreateDeployment,
  MsgPauseGroup,
  MsgStartGroup,
  MsgUpdateDeployment,
  QueryDeploymentRequest,
  QueryDeploymentResponse,
  QueryDeploymentsRequest,
  QueryDeploymentsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import {
  MsgCloseBid,
  MsgCloseLease,
  MsgCreateBid,
  MsgCreateLease,
  MsgWithdrawLease,
  QueryBidsRequest,
  QueryBidsResponse,
  QueryLeaseRequest,
  QueryLeaseResponse,
  QueryOrdersRequest,
  QueryOrdersResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { ChainError } from "../../../src/localnet/chain/module";
import { akashModules } from "../../../src/localnet/chain/modules/akash";
import { DEPOSIT_AUTHORIZATION_TYPE_URL } from "../../../src/localnet/chain/modules/akash/escrow/deposit-authorization";
import { MemoryChain } from "./support/memory-chain";
import { address, groupSpec, hashOf } from "./support/fixtures";

const tenant = address("tenant");
const providerA = address("provider-a");
const providerB = address("provider-b");
const auditor = address("auditor");

const T = {
  createDeployment: "/akash.deployment.v1beta4.MsgCreateDeployment",
  updateDeployment: "/akash.deployment.v1beta4.MsgUpdateDeployment",
  closeDeployment: "/akash.deployment.v1beta4.MsgCloseDeployment",
  pauseGroup: "/akash.deployment.v1beta4.MsgPauseGroup",
  startGroup: "/akash.deployment.v1beta4.MsgStartGroup",
  createBid: "/akash.market.v1beta5.MsgCreateBid",
  closeBid: "/akash.market.v1beta5.MsgCloseBid",
  createLease: "/akash.market.v1beta5.MsgCreateLease",
  closeLease: "/akash.market.v1beta5.MsgCloseLease",
  withdrawLease: "/akash.market.v1beta5.MsgWithdrawLease",
  accountDeposit: "/akash.escrow.v1.MsgAccountDeposit",
};

function newChain(): MemoryChain {
  const chain = new MemoryChain(akashModules());
  chain.initGenesis({
    provider: {
      providers: [
        {
          owner: providerA,
          hostUri: "https://127.0.0.1:26757",
          attributes: [{ key: "region", value: "us-west" }],
        },
        {
          owner: providerB,
          hostUri: "https://127.0.0.1:26758",
          attributes: [{ key: "region", value: "eu-central" }],
        },
      ],
    },
    audit: { providers: [{ owner: providerA, auditor, attributes: [{ key: "tier", value: "community" }] }] },
  });
  chain.fund(tenant, [
    { denom: "uakt", amount: 100_000_000n },
    { denom: "uact", amount: 100_000_000n },
  ]);
  for (const p of [providerA, providerB]) chain.fund(p, [{ denom: "uakt", amount: 10_000_000n }]);
  return chain;
}

function createDeployment(
  chain: MemoryChain,
  opts: {
    dseq?: number;
    amount?: string;
    denom?: string;
    price?: string;
    priceDenom?: string;
    sources?: number[];
    owner?: string;
    spec?: ReturnType<typeof groupSpec>;
  } = {},
) {
  return chain.deliver(T.createDeployment, MsgCreateDeployment, {
    id: { owner: opts.owner ?? tenant, dseq: opts.dseq ?? 100 },
    groups: [opts.spec ?? groupSpec({ price: opts.price ?? "1000", denom: opts.priceDenom ?? "uact" })],
    hash: hashOf(`deployment ${opts.dseq ?? 100}`),
    deposit: {
      amount: { denom: opts.denom ?? "uact", amount: opts.amount ?? "5000000" },
      sources: opts.sources ?? [1],
    },
  });
}

const bidId = (provider: string, dseq = 100) => ({
  owner: tenant,
  dseq,
  gseq: 1,
  oseq: 1,
  provider,
  bseq: 0,
});

function bid(chain: MemoryChain, provider: string, price = "800", dseq = 100) {
  return chain.deliver(T.createBid, MsgCreateBid, {
    id: bidId(provider, dseq),
    price: { denom: "uact", amount: price },
    deposit: { amount: { denom: "uakt", amount: "500000" }, sources: [1] },
    resourcesOffer: [],
  });
}

function expectChainError(fn: () => unknown, codespace: string, code: number, log: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ChainError);
  const err = caught as ChainError;
  expect({ codespace: err.codespace, code: err.code }).toEqual({ codespace, code });
  if (typeof log === "string") expect(err.log).toBe(log);
  else expect(err.log).toMatch(log);
}

function deployment(chain: MemoryChain, dseq = 100) {
  return chain.query(
    "/akash.deployment.v1beta4.Query/Deployment",
    QueryDeploymentRequest.encode(
      QueryDeploymentRequest.fromPartial({ id: { owner: tenant, dseq } }),
    ).finish(),
    QueryDeploymentResponse,
  );
}

function lease(chain: MemoryChain, provider: string) {
  return chain.query(
    "/akash.market.v1beta5.Query/Lease",
    QueryLeaseRequest.encode(QueryLeaseRequest.fromPartial({ id: bidId(provider) })).finish(),
    QueryLeaseResponse,
  );
}

describe("deployment create", () => {
  it("creates the deployment, one open order per group and a funded escrow account", () => {
    const chain = newChain();
    const { events } = createDeployment(chain);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "akash.deployment.v1.EventDeploymentCreated",
        "akash.market.v1.EventOrderCreated",
      ]),
    );
    const created = events.find((e) => e.type === "akash.deployment.v1.EventDeploymentCreated");
    expect(created?.attributes.find((a) => a.key === "id")?.value).toBe(
      JSON.stringify({ owner: tenant, dseq: "100" }),
    );
    expect(chain.balance(tenant, "uact")).toBe(95_000_000n);
    expect(chain.moduleBalance("escrow", "uact")).toBe(5_000_000n);

    const res = deployment(chain);
    expect(res.deployment?.state).toBe(1);
    expect(res.groups.map((g) => [g.id?.gseq, g.state])).toEqual([[1, 1]]);
    expect(res.escrowAccount?.state?.funds).toEqual([{ denom: "uact", amount: "5000000" }]);

    const orders = chain.query(
      "/akash.market.v1beta5.Query/Orders",
      QueryOrdersRequest.encode(QueryOrdersRequest.fromPartial({ filters: { state: "open" } })).finish(),
      QueryOrdersResponse,
    );
    expect(orders.orders.map((o) => [o.id?.oseq, o.state])).toEqual([[1, 1]]);
  });

  it("rejects what mainnet v2 rejects", () => {
    const chain = newChain();
    expectChainError(
      () => createDeployment(chain, { denom: "uakt", priceDenom: "uakt" }),
      "deployment",
      20,
      "Deposit invalid",
    );
    expectChainError(
      () => createDeployment(chain, { amount: "100" }),
      "deployment",
      20,
      "Deposit too low - 100 < 500000uact: Deposit invalid",
    );
    expectChainError(
      () => createDeployment(chain, { amount: "0", priceDenom: "uakt" }),
      "deployment",
      20,
      "Deposit too low - 0 < 500000uact: Deposit invalid",
    );
    expectChainError(
      () => createDeployment(chain, { denom: "uakt", amount: "0", priceDenom: "uakt" }),
      "deployment",
      20,
      "Deposit too low - 0 < 500000uakt: Deposit invalid",
    );
    expectChainError(
      () => createDeployment(chain, { priceDenom: "uakt" }),
      "deployment",
      20,
      "Mismatched denominations (uact != uakt): Deposit invalid",
    );
    createDeployment(chain);
    expectChainError(() => createDeployment(chain), "deployment", 3, "Deployment exists");
    // Nothing was taken by the failed attempts.
    expect(chain.balance(tenant, "uact")).toBe(95_000_000n);
  });

  it("rejects a deposit the owner cannot cover", () => {
    const chain = newChain();
    expectChainError(
      () => createDeployment(chain, { amount: "200000000" }),
      "undefined",
      1,
      "deposit invalid: insufficient balance",
    );
  });

  it("updates the hash only when it changes, and only while active", () => {
    const chain = newChain();
    createDeployment(chain);
    const update = (text: string) =>
      chain.deliver(T.updateDeployment, MsgUpdateDeployment, {
        id: { owner: tenant, dseq: 100 },
        hash: hashOf(text),
      });
    expectChainError(() => update("deployment 100"), "deployment", 10, "Invalid: deployment hash");
    update("v2");
    expect(Buffer.from(deployment(chain).deployment?.hash ?? []).equals(Buffer.from(hashOf("v2")))).toBe(
      true,
    );
    chain.deliver(T.closeDeployment, MsgCloseDeployment, { id: { owner: tenant, dseq: 100 } });
    expectChainError(() => update("v3"), "deployment", 5, "Deployment closed");
  });
});

describe("bids, leases and escrow settlement", () => {
  it("leases the chosen bid, refunds the loser, pays the provider per block and refunds the owner on close", () => {
    const chain = newChain();
    createDeployment(chain);
    bid(chain, providerA, "800");
    bid(chain, providerB, "900");
    expect(chain.balance(providerB, "uakt")).toBe(9_500_000n);

    chain.nextBlock();
    const { events } = chain.deliver(T.createLease, MsgCreateLease, { bidId: bidId(providerA) });
    expect(events.some((e) => e.type === "akash.market.v1.EventLeaseCreated")).toBe(true);
    expect(chain.balance(providerB, "uakt")).toBe(10_000_000n);
    const bids = chain.query(
      "/akash.market.v1beta5.Query/Bids",
      QueryBidsRequest.encode(QueryBidsRequest.fromPartial({ filters: { owner: tenant } })).finish(),
      QueryBidsResponse,
    );
    expect(bids.bids.map((b) => [b.bid?.id?.provider, b.bid?.state])).toEqual(
      expect.arrayContaining([
        [providerA, 2],
        [providerB, 3],
      ]),
    );

    chain.nextBlock(10);
    chain.deliver(T.withdrawLease, MsgWithdrawLease, { id: bidId(providerA) });
    expect(chain.balance(providerA, "uact")).toBe(8_000n);
    expect(lease(chain, providerA).escrowPayment?.state?.withdrawn).toEqual({
      denom: "uact",
      amount: "8000",
    });

    chain.nextBlock(5);
    const closed = chain.deliver(T.closeDeployment, MsgCloseDeployment, { id: { owner: tenant, dseq: 100 } });
    const types = closed.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "akash.deployment.v1.EventDeploymentClosed",
        "akash.deployment.v1.EventGroupClosed",
        "akash.market.v1.EventLeaseClosed",
        "akash.market.v1.EventBidClosed",
        "akash.market.v1.EventOrderClosed",
      ]),
    );
    const leaseClosed = closed.events.find((e) => e.type === "akash.market.v1.EventLeaseClosed");
    expect(leaseClosed?.attributes.find((a) => a.key === "reason")?.value).toBe('"lease_closed_owner"');
    // 15 blocks × 800 uact to the provider, the rest of the 5,000,000 deposit back to the tenant.
    expect(chain.balance(providerA, "uact")).toBe(12_000n);
    expect(chain.balance(tenant, "uact")).toBe(100_000_000n - 12_000n);
    expect(chain.balance(providerA, "uakt")).toBe(10_000_000n);
    expect(chain.moduleBalance("escrow", "uact")).toBe(0n);
    const after = lease(chain, providerA);
    expect(after.lease?.state).toBe(3);
    expect(after.lease?.reason).toBe(1);
    expect(deployment(chain).groups[0]?.state).toBe(4);
  });

  it("enforces bid rules: price, placement, signed_by, duplicates", () => {
    const chain = newChain();
    createDeployment(chain, {
      spec: groupSpec({ attributes: [{ key: "tier", value: "community" }], signedBy: { allOf: [auditor] } }),
    });
    expectChainError(() => bid(chain, providerA, "1001"), "market", 22, "bid price is invalid");
    expectChainError(() => bid(chain, providerB, "900"), "market", 5, "attribute mismatch");
    bid(chain, providerA, "1000");
    expectChainError(
      () => bid(chain, providerA, "900"),
      "market",
      21,
      "invalid bid: bid exists from provider",
    );
    expectChainError(
      () =>
        chain.deliver(T.createBid, MsgCreateBid, {
          id: bidId(providerB),
          price: { denom: "uact", amount: "1" },
          deposit: { amount: { denom: "uakt", amount: "1" }, sources: [1] },
          resourcesOffer: [],
        }),
      "undefined",
      1,
      "deposit invalid: minimum:500000uakt received:1uakt",
    );
  });

  it("closing a lease re-lists the order with the next oseq; a provider close pauses the group", () => {
    const chain = newChain();
    createDeployment(chain);
    bid(chain, providerA);
    chain.deliver(T.createLease, MsgCreateLease, { bidId: bidId(providerA) });
    const res = chain.deliver(T.closeLease, MsgCloseLease, { id: bidId(providerA), reason: 1 });
    const created = res.events.filter((e) => e.type === "akash.market.v1.EventOrderCreated");
    expect(created[0]?.attributes.find((a) => a.key === "id")?.value).toContain('"oseq":2');

    const second = { ...bidId(providerB), oseq: 2 };
    chain.deliver(T.createBid, MsgCreateBid, {
      id: second,
      price: { denom: "uact", amount: "900" },
      deposit: { amount: { denom: "uakt", amount: "500000" }, sources: [1] },
      resourcesOffer: [],
    });
    chain.deliver(T.createLease, MsgCreateLease, { bidId: second });
    expectChainError(
      () => chain.deliver(T.closeBid, MsgCloseBid, { id: second, reason: 1 }),
      "market",
      33,
      'value "1" range 10000..19999: invalid lease closed reason',
    );
    const closed = chain.deliver(T.closeBid, MsgCloseBid, { id: second, reason: 10003 });
    expect(closed.events.map((e) => e.type)).toContain("akash.deployment.v1.EventGroupPaused");
    expect(deployment(chain).groups[0]?.state).toBe(2);
    const started = chain.deliver(T.startGroup, MsgStartGroup, { id: { owner: tenant, dseq: 100, gseq: 1 } });
    expect(started.events.map((e) => e.type)).toEqual([
      "akash.deployment.v1.EventGroupStarted",
      "akash.market.v1.EventOrderCreated",
    ]);
    expectChainError(
      () => chain.deliver(T.startGroup, MsgStartGroup, { id: { owner: tenant, dseq: 100, gseq: 1 } }),
      "deployment",
      16,
      "Group open",
    );
    chain.deliver(T.pauseGroup, MsgPauseGroup, { id: { owner: tenant, dseq: 100, gseq: 1 } });
    expect(deployment(chain).groups[0]?.state).toBe(2);
  });

  it("an overdrawn account closes the lease as insufficient_funds and the deployment", () => {
    const chain = newChain();
    createDeployment(chain, { amount: "500000", price: "100000" });
    bid(chain, providerA, "100000");
    chain.deliver(T.createLease, MsgCreateLease, { bidId: bidId(providerA) });
    chain.nextBlock(6);
    const res = chain.deliver(T.withdrawLease, MsgWithdrawLease, { id: bidId(providerA) });
    const leaseClosed = res.events.find((e) => e.type === "akash.market.v1.EventLeaseClosed");
    expect(leaseClosed?.attributes.find((a) => a.key === "reason")?.value).toBe(
      '"lease_closed_reason_insufficient_funds"',
    );
    const after = lease(chain, providerA);
    expect(after.lease?.state).toBe(2);
    expect(after.escrowPayment?.state?.state).toBe(3);
    const dep = deployment(chain);
    expect(dep.deployment?.state).toBe(2);
    expect(dep.groups[0]?.state).toBe(3);
    expect(dep.escrowAccount?.state?.state).toBe(3);
    expect(chain.balance(providerA, "uact")).toBe(500_000n);
    // Topping up an overdrawn account settles the debt and closes it; the remainder goes back.
    chain.deliver(T.accountDeposit, MsgAccountDeposit, {
      signer: tenant,
      id: { scope: 1, xid: `${tenant}/100` },
      deposit: { amount: { denom: "uact", amount: "1000000" }, sources: [1] },
    });
    expect(chain.balance(providerA, "uact")).toBe(600_000n);
    expect(chain.balance(tenant, "uact")).toBe(100_000_000n - 600_000n);
    const accounts = chain.query(
      "/akash.escrow.v1.Query/Accounts",
      QueryAccountsRequest.encode(QueryAccountsRequest.fromPartial({ xid: `${tenant}/100` })).finish(),
      QueryAccountsResponse,
    );
    expect(accounts.accounts[0]?.state?.state).toBe(2);
  });
});

describe("deposit authorization", () => {
  const granter = address("granter");
  const grantee = address("grantee");
  const msgType = "/akash.escrow.v1.MsgAccountDeposit";

  it("spends the granter's limit, records the granter as depositor and credits leftovers back on close", () => {
    const chain = newChain();
    chain.fund(granter, [{ denom: "uact", amount: 50_000_000n }]);
    // A legacy grant (deprecated spend_limit only, as migrated from before v1.0): the chain adds it to
    // spend_limits when it draws, and saves the grant with spend_limit zeroed.
    chain.grant(granter, grantee, msgType, {
      typeUrl: DEPOSIT_AUTHORIZATION_TYPE_URL,
      value: DepositAuthorization.fromPartial({
        spendLimit: { denom: "uact", amount: "3000000" },
        scopes: [1],
      }),
    });
    createDeployment(chain, { owner: grantee, amount: "2000000", sources: [2] });
    expect(chain.balance(granter, "uact")).toBe(48_000_000n);
    const grant = () =>
      chain.getGrant(granter, grantee, msgType)?.value as {
        spendLimit?: { denom: string; amount: string };
        spendLimits?: { denom: string; amount: string }[];
      };
    expect(grant().spendLimit).toEqual({ denom: "uakt", amount: "0" });
    expect(grant().spendLimits).toEqual([{ denom: "uact", amount: "1000000" }]);
    expectChainError(
      () => createDeployment(chain, { owner: grantee, dseq: 101, amount: "2000000", sources: [2] }),
      "undefined",
      1,
      "deposit invalid: insufficient balance",
    );
    chain.deliver(T.closeDeployment, MsgCloseDeployment, { id: { owner: grantee, dseq: 100 } });
    expect(chain.balance(granter, "uact")).toBe(50_000_000n);
    expect(grant().spendLimits).toEqual([{ denom: "uact", amount: "3000000" }]);
  });
});

describe("queries", () => {
  it("lists deployments by owner and state with pagination, and rejects bad filters", () => {
    const chain = newChain();
    for (let dseq = 1; dseq <= 5; dseq++) createDeployment(chain, { dseq, amount: "500000" });
    chain.deliver(T.closeDeployment, MsgCloseDeployment, { id: { owner: tenant, dseq: 2 } });
    const list = (filters: object, pagination?: object) =>
      chain.query(
        "/akash.deployment.v1beta4.Query/Deployments",
        QueryDeploymentsRequest.encode(QueryDeploymentsRequest.fromPartial({ filters, pagination })).finish(),
        QueryDeploymentsResponse,
      );
    expect(list({ owner: tenant }).deployments).toHaveLength(5);
    expect(
      list({ owner: tenant, state: "active" }).deployments.map((d) => d.deployment?.id?.dseq.toString()),
    ).toEqual(["1", "3", "4", "5"]);
    const first = list({ owner: tenant }, { limit: 2 });
    expect(first.deployments).toHaveLength(2);
    const second = list({ owner: tenant }, { limit: 10, key: first.pagination?.nextKey });
    expect(second.deployments.map((d) => d.deployment?.id?.dseq.toString())).toEqual(["3", "4", "5"]);
    expect(() => list({ state: "bogus" })).toThrow("invalid state value");
    expect(() => list({}, { offset: 1 })).toThrow("if offset is set, filter.state must be provided");
    expect(() => deployment(chain, 99)).toThrow("Deployment not found");
  });
});
