/**
 * chain-sdk protobuf objects → the Chain port's plain types. uint64 values arrive as `Long`, enums as numbers.
 * The chain v2.1 reclamation fields, which chain-sdk drops, come in separately (read by v21-fields.ts).
 */
import type { Bid as ProtoBid } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type {
  QueryDeploymentResponse,
  Provider as ProtoProvider,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type {
  Lease as ProtoLease,
  Types_Account as ProtoEscrowAccount,
  Types_Payment as ProtoPayment,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { groupSpecsToGoJson } from "../../../sdl";
import type {
  Bid,
  BidState,
  Coin,
  DecCoin,
  Deployment,
  DeploymentReclamation,
  DeploymentState,
  EscrowAccount,
  EscrowState,
  GroupState,
  Lease,
  LeasePayment,
  LeaseReclamation,
  LeaseState,
  OfferedResources,
  Provider,
} from "../../ports/chain";

type LongLike = { toString(): string } | number | bigint | string | undefined | null;

export function big(value: LongLike): bigint {
  if (value === undefined || value === null) return 0n;
  return BigInt(value.toString());
}

export function coin(c: { denom: string; amount: string } | undefined): Coin {
  return { denom: c?.denom ?? "", amount: c?.amount ? BigInt(c.amount) : 0n };
}

export function coins(list: { denom: string; amount: string }[] | undefined): Coin[] {
  return (list ?? []).map(coin);
}

/** chain-sdk's DecCoin codec already turns LegacyDec atomics into a human decimal; trim trailing zeros. */
export function decCoin(c: { denom: string; amount: string } | undefined): DecCoin {
  return { denom: c?.denom ?? "", amount: trimDecimal(c?.amount ?? "0") };
}

export function trimDecimal(text: string): string {
  if (!text.includes(".")) return text || "0";
  const trimmed = text.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "" || trimmed === "-" ? "0" : trimmed;
}

const DEPLOYMENT_STATES: DeploymentState[] = ["invalid", "active", "closed"];
const GROUP_STATES: GroupState[] = ["invalid", "open", "paused", "insufficient_funds", "closed"];
const BID_STATES: BidState[] = ["invalid", "open", "active", "lost", "closed"];
const LEASE_STATES: LeaseState[] = ["invalid", "active", "insufficient_funds", "closed", "reclaiming"];
const ESCROW_STATES: EscrowState[] = ["invalid", "open", "closed", "overdrawn"];

function pick<T extends string>(table: T[], index: number): T {
  return table[index] ?? table[0]!;
}

const LEASE_CLOSED_REASONS: Record<number, string> = {
  0: "",
  1: "lease_closed_owner",
  10000: "lease_closed_reason_unstable",
  10001: "lease_closed_reason_decommission",
  10002: "lease_closed_reason_unspecified",
  10003: "lease_closed_reason_manifest_timeout",
  20000: "lease_closed_reason_insufficient_funds",
};

/** akash.market.v1.LeaseClosedReason name ("" for 0). */
export const leaseClosedReasonName = (reason: number): string =>
  LEASE_CLOSED_REASONS[reason] ?? String(reason);

export function escrowAccount(account: ProtoEscrowAccount | undefined): EscrowAccount | undefined {
  const state = account?.state;
  if (!state) return undefined;
  return {
    state: pick(ESCROW_STATES, state.state),
    funds: state.funds.map(decCoin),
    transferred: state.transferred.map(decCoin),
    settledAt: big(state.settledAt),
    deposits: state.deposits.map((d) => ({
      owner: d.owner,
      height: big(d.height),
      source: d.source === 2 ? "grant" : "balance",
      balance: decCoin(d.balance),
    })),
  };
}

export function deployment(
  response: QueryDeploymentResponse,
  reclamation?: DeploymentReclamation,
): Deployment {
  const d = response.deployment;
  const owner = d?.id?.owner ?? "";
  const dseq = big(d?.id?.dseq);
  const specs = groupSpecsToGoJson(response.groups.flatMap((g) => (g.groupSpec ? [g.groupSpec] : [])));
  return {
    id: { owner, dseq },
    state: pick(DEPLOYMENT_STATES, d?.state ?? 0),
    hash: d?.hash ?? new Uint8Array(),
    createdAt: big(d?.createdAt),
    groups: response.groups.map((g, i) => ({
      id: { owner, dseq, gseq: g.id?.gseq ?? i + 1 },
      name: g.groupSpec?.name ?? "",
      state: pick(GROUP_STATES, g.state),
      spec: specs[i]!,
      createdAt: big(g.createdAt as LongLike),
    })),
    escrow: escrowAccount(response.escrowAccount),
    ...(reclamation ? { reclamation } : {}),
  };
}

type ProtoBidId = NonNullable<ProtoBid["id"]>;

function bidId(id: ProtoBidId | undefined) {
  return {
    owner: id?.owner ?? "",
    dseq: big(id?.dseq),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
    provider: id?.provider ?? "",
    bseq: id?.bseq ?? 0,
  };
}

/** A ResourceValue's `val`: the decimal digits as bytes. */
function resourceValue(value: { val: Uint8Array } | undefined): bigint {
  const text = value ? new TextDecoder().decode(value.val) : "";
  return /^\d+$/.test(text) ? BigInt(text) : 0n;
}

type ProtoOffer = ProtoBid["resourcesOffer"][number];

function offeredResources(offer: ProtoOffer): OfferedResources {
  const r = offer.resources;
  const attrs = (list: { key: string; value: string }[] | undefined) =>
    (list ?? []).map((a) => ({ key: a.key, value: a.value }));
  return {
    id: r?.id ?? 0,
    count: offer.count,
    cpuMillis: resourceValue(r?.cpu?.units),
    memoryBytes: resourceValue(r?.memory?.quantity),
    storage: (r?.storage ?? []).map((s) => ({
      name: s.name,
      bytes: resourceValue(s.quantity),
      attributes: attrs(s.attributes),
    })),
    gpu: { units: resourceValue(r?.gpu?.units), attributes: attrs(r?.gpu?.attributes) },
  };
}

export function bid(b: ProtoBid, reclamationWindowSeconds?: number): Bid {
  return {
    id: bidId(b.id),
    state: pick(BID_STATES, b.state),
    price: decCoin(b.price),
    createdAt: big(b.createdAt),
    ...(reclamationWindowSeconds === undefined ? {} : { reclamationWindowSeconds }),
    resourcesOffer: (b.resourcesOffer ?? []).map(offeredResources),
  };
}

function payment(p: ProtoPayment | undefined): LeasePayment | undefined {
  const s = p?.state;
  if (!s) return undefined;
  return {
    state: pick(ESCROW_STATES, s.state),
    rate: decCoin(s.rate),
    balance: decCoin(s.balance),
    unsettled: decCoin(s.unsettled),
    withdrawn: coin(s.withdrawn),
  };
}

export function lease(l: ProtoLease, escrowPayment?: ProtoPayment, reclamation?: LeaseReclamation): Lease {
  return {
    id: bidId(l.id),
    state: pick(LEASE_STATES, l.state),
    price: decCoin(l.price),
    createdAt: big(l.createdAt),
    closedOn: big(l.closedOn),
    closedReason: leaseClosedReasonName(l.reason),
    payment: payment(escrowPayment),
    ...(reclamation ? { reclamation } : {}),
  };
}

export function provider(p: ProtoProvider): Provider {
  return {
    owner: p.owner,
    hostUri: p.hostUri,
    attributes: p.attributes.map((a) => ({ key: a.key, value: a.value })),
    info: { email: p.info?.email ?? "", website: p.info?.website ?? "" },
  };
}
