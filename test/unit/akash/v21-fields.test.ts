/**
 * The chain v2.1 fields the pinned chain-sdk lacks, against an independent encoding: protobufjs messages declared
 * from akash-network/chain-sdk proto/node (commit 55f1c683, the protos node v2.1 pins): deployment/v1
 * DeploymentReclamation, deployment/v1beta4 MsgCreateDeployment, market/v1 Reclamation and Lease, market/v1beta5
 * Bid, QueryBidsResponse, QueryLeasesResponse, Params and MsgLeaseStartReclaim, bme/v1 Params.
 */
import protobuf from "protobufjs";
import {
  Lease as SdkLease,
  LeaseID,
  Params as SdkBmeParams,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import {
  Bid as SdkBid,
  Params as SdkMarketParams,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import {
  bidReclamationWindow,
  bmeMinMint,
  deploymentReclamation,
  encodeLeaseStartReclaim,
  leaseReclamation,
  listInner,
  marketReclamationBounds,
  withDeploymentReclamation,
} from "../../../src/akash/adapters/cosmos/v21-fields";
import { leaseClosedReasonName } from "../../../src/akash/adapters/cosmos/convert";

const owner = "akash1qqzrv4hhse2dmn0ud4kqtxu2dfnqffquts5efu";
const provider = "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q";

const root = protobuf.Root.fromJSON({
  nested: {
    Duration: { fields: { seconds: { type: "int64", id: 1 }, nanos: { type: "int32", id: 2 } } },
    Coin: { fields: { denom: { type: "string", id: 1 }, amount: { type: "string", id: 2 } } },
    DeploymentID: { fields: { owner: { type: "string", id: 1 }, dseq: { type: "uint64", id: 2 } } },
    DeploymentReclamation: { fields: { minWindow: { type: "Duration", id: 1 } } },
    Deployment: {
      fields: {
        id: { type: "DeploymentID", id: 1 },
        state: { type: "int32", id: 2 },
        reclamation: { type: "DeploymentReclamation", id: 5 },
      },
    },
    MsgCreateDeployment: {
      fields: { id: { type: "DeploymentID", id: 1 }, reclamation: { type: "DeploymentReclamation", id: 5 } },
    },
    LeaseID: {
      fields: {
        owner: { type: "string", id: 1 },
        dseq: { type: "uint64", id: 2 },
        gseq: { type: "uint32", id: 3 },
        oseq: { type: "uint32", id: 4 },
        provider: { type: "string", id: 5 },
        bseq: { type: "uint32", id: 6 },
      },
    },
    Reclamation: {
      fields: {
        window: { type: "Duration", id: 1 },
        startedAt: { type: "int64", id: 2 },
        deadline: { type: "int64", id: 3 },
        reason: { type: "int32", id: 4 },
      },
    },
    Lease: {
      fields: {
        id: { type: "LeaseID", id: 1 },
        state: { type: "int32", id: 2 },
        reclamation: { type: "Reclamation", id: 7 },
      },
    },
    QueryLeaseResponse: { fields: { lease: { type: "Lease", id: 1 } } },
    QueryLeasesResponse: { fields: { leases: { rule: "repeated", type: "QueryLeaseResponse", id: 1 } } },
    Bid: {
      fields: {
        id: { type: "LeaseID", id: 1 },
        state: { type: "int32", id: 2 },
        reclamationWindow: { type: "Duration", id: 6 },
      },
    },
    QueryBidResponse: { fields: { bid: { type: "Bid", id: 1 } } },
    QueryBidsResponse: { fields: { bids: { rule: "repeated", type: "QueryBidResponse", id: 1 } } },
    MarketParams: {
      fields: {
        orderMaxBids: { type: "uint32", id: 2 },
        minReclamationWindow: { type: "Duration", id: 4 },
        maxReclamationWindow: { type: "Duration", id: 5 },
      },
    },
    BmeParams: {
      fields: {
        mintSpreadBps: { type: "uint32", id: 6 },
        minMint: { rule: "repeated", type: "Coin", id: 9 },
        maxPendingAttempts: { type: "uint32", id: 10 },
      },
    },
    MsgLeaseStartReclaim: { fields: { id: { type: "LeaseID", id: 1 }, reason: { type: "int32", id: 2 } } },
  },
});

const encode = (type: string, value: object): Uint8Array => {
  const t = root.lookupType(type);
  return t.encode(t.fromObject(value)).finish();
};
const decode = (type: string, bytes: Uint8Array) =>
  root.lookupType(type).toObject(root.lookupType(type).decode(bytes), { longs: String, defaults: false });

const leaseId = { owner, dseq: 7, gseq: 1, oseq: 1, provider, bseq: 0 };

test("MsgCreateDeployment carries reclamation.min_window in field 5 after chain-sdk's fields", () => {
  const base = MsgCreateDeployment.encode(
    MsgCreateDeployment.fromPartial({ id: { owner, dseq: "7" } }),
  ).finish();
  const bytes = withDeploymentReclamation(base, { minWindowSeconds: 86_400.5 });
  expect(decode("MsgCreateDeployment", bytes)).toEqual({
    id: { owner, dseq: "7" },
    reclamation: { minWindow: { seconds: "86400", nanos: 500_000_000 } },
  });
  expect(withDeploymentReclamation(base, undefined)).toBe(base);
});

test("MsgLeaseStartReclaim is {id, reason}", () => {
  const id = LeaseID.encode(LeaseID.fromPartial({ ...leaseId, dseq: "7" })).finish();
  expect(decode("MsgLeaseStartReclaim", encodeLeaseStartReclaim(id, 10001))).toEqual({
    id: { owner, dseq: "7", gseq: 1, oseq: 1, provider },
    reason: 10001,
  });
});

test("a deployment's reclamation and its absence", () => {
  const withWindow = encode("Deployment", {
    id: { owner, dseq: 7 },
    state: 1,
    reclamation: { minWindow: { seconds: 3600 } },
  });
  expect(deploymentReclamation(withWindow)).toEqual({ minWindowSeconds: 3600 });
  expect(deploymentReclamation(encode("Deployment", { id: { owner, dseq: 7 }, state: 1 }))).toBeUndefined();
  expect(deploymentReclamation(undefined)).toBeUndefined();
});

test("bids in a list answer: each item's reclamation_window, aligned with chain-sdk's decoding", () => {
  const response = encode("QueryBidsResponse", {
    bids: [
      { bid: { id: leaseId, state: 1, reclamationWindow: { seconds: 86_400 } } },
      { bid: { id: { ...leaseId, provider: owner }, state: 1 } },
    ],
  });
  const raw = listInner(response, 1);
  expect(raw.map(bidReclamationWindow)).toEqual([86_400, undefined]);
  // chain-sdk still decodes the rest of the same bytes.
  expect(raw.map((b) => SdkBid.decode(b!).id?.provider)).toEqual([provider, owner]);
});

test("a lease's reclamation: configured, then started with deadline and reason", () => {
  const configured = encode("Lease", { id: leaseId, state: 1, reclamation: { window: { seconds: 7200 } } });
  expect(leaseReclamation(configured, leaseClosedReasonName)).toEqual({ windowSeconds: 7200 });
  const response = encode("QueryLeasesResponse", {
    leases: [
      {
        lease: {
          id: leaseId,
          state: 4,
          reclamation: { window: { seconds: 7200 }, startedAt: 120, deadline: 1_780_003_600, reason: 10001 },
        },
      },
      { lease: { id: leaseId, state: 1 } },
    ],
  });
  const [started, none] = listInner(response, 1);
  expect(leaseReclamation(started, leaseClosedReasonName)).toEqual({
    windowSeconds: 7200,
    started: {
      height: 120n,
      deadline: new Date(1_780_003_600_000),
      reason: "lease_closed_reason_decommission",
    },
  });
  expect(SdkLease.decode(started!).state).toBe(4);
  expect(leaseReclamation(none, leaseClosedReasonName)).toBeUndefined();
});

test("market params' reclamation bounds and bme params' min_mint", () => {
  const market = encode("MarketParams", {
    orderMaxBids: 20,
    minReclamationWindow: { seconds: 3600 },
    maxReclamationWindow: { seconds: 2_592_000 },
  });
  expect(marketReclamationBounds(market)).toEqual({ min: 3600, max: 2_592_000 });
  expect(SdkMarketParams.decode(market).orderMaxBids).toBe(20);
  const bme = encode("BmeParams", {
    mintSpreadBps: 25,
    minMint: [{ denom: "uact", amount: "10000000" }],
    maxPendingAttempts: 3,
  });
  expect(bmeMinMint(bme)).toEqual([{ denom: "uact", amount: 10_000_000n }]);
  expect(SdkBmeParams.decode(bme).mintSpreadBps).toBe(25);
});
