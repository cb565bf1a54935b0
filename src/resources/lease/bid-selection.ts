/**
 * Waiting for bids: watches the order's open bids until an acceptable one is found (and, except for `first`, a
 * short collection window passed or every provider that can serve the placement has bid), judging each by the bid
 * policy. When none is acceptable in time, the error lists every bid seen and why it was turned down.
 *
 * Providers withdraw bids nobody answered (their bid timeout: 5 minutes on mainnet), and they never bid on that
 * order again. A lease that starts late, or waits long, can find its order's bids all gone: the wait then asks for
 * a new order (`reopen`), on which the providers bid afresh.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { BidWatcher } from "../../akash/ports/bid-watcher";
import type { Bid, BidId, Chain, GroupId, Provider } from "../../akash/ports/chain";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";
import { describeRejections, judgeBid, rankBids, type BidVerdict } from "./bid-policy";
import type { ConfiguredBidPolicy } from "./bid-policy-config";
import { placementCandidates } from "./placement-candidates";
import type { GoGroupSpec } from "../../sdl/manifest-types";

/** A check beyond the policy that needs the provider itself (e.g. its version): a reason to reject, or undefined. */
export type ProviderCheck = (provider: Provider) => Promise<string | undefined>;

/** The "no acceptable bid" error, listing every bid seen and why it was turned down. */
function noAcceptableBid(group: GroupId, why: string, seen: BidVerdict[]): DiagnosticError {
  return new DiagnosticError(
    "No acceptable bid",
    `No bid for group ${group.gseq} of deployment ${group.dseq} matched the bid policy ${why}.\n` +
      describeRejections(seen) +
      "\nRaise bid_policy.max_price or the SDL pricing, relax the provider filters, or wait longer (bid_policy.wait).",
    ["bid_policy"],
  );
}

/**
 * Every provider that can serve the placement has bid on the order (accepted or not): waiting out the collect
 * window cannot bring a better bid, and ending it now frees the apply's parallelism slot.
 */
function everyCandidateBid(
  spec: GoGroupSpec,
  providers: Map<string, Provider>,
  bidders: Set<string>,
): boolean {
  const candidates = placementCandidates(spec, providers.values());
  return candidates.length > 0 && candidates.every((p) => bidders.has(p.owner));
}

/**
 * How long an order may go without any bid before it is replaced: long enough for every provider to have looked
 * at it (seconds on mainnet), short enough to leave the wait time for bids on the new order.
 */
function quietMs(policy: ConfiguredBidPolicy): number {
  return Math.min(30_000, policy.waitMs / 3);
}

/** Identifies a bid within its group. */
export function bidKey(id: BidId): string {
  return `${id.oseq}/${id.provider}`;
}

/** What the wait ends with: a bid to lease, or word that a lease of the group exists (so none may be created). */
export type BidChoice = { kind: "bid"; bid: Bid } | { kind: "leased" };

export interface BidWaitOptions {
  /** A check beyond the policy that needs the provider itself. */
  providerCheck?: ProviderCheck;
  /** The group's spec: with it the wait ends as soon as no provider that can serve the placement is left. */
  spec?: GoGroupSpec;
  /**
   * Replaces an order whose bids were all withdrawn with a new one. Resolves "leased" instead when a lease of the
   * group exists. Without it such an order is waited on until the wait runs out.
   */
  reopen?: () => Promise<"reopened" | "leased">;
  /** Bids whose lease transaction failed because they were withdrawn meanwhile: never chosen again. */
  exclude?: ReadonlySet<string>;
  /** When the wait began: a retry after a failed lease transaction keeps the first attempt's time budget. */
  startedAt?: number;
  /** The group was just reopened: bids on its earlier orders are history, not withdrawn bids of this order. */
  reopened?: boolean;
}

export async function chooseBid(
  ports: Pick<AkashPorts, "clock">,
  chain: Chain,
  watcher: BidWatcher,
  group: GroupId,
  policy: ConfiguredBidPolicy,
  ctx: OperationContext,
  options: BidWaitOptions = {},
): Promise<BidChoice> {
  const { clock } = ports;
  const { providerCheck, spec, reopen } = options;
  const exclude = options.exclude ?? new Set<string>();
  const started = options.startedAt ?? clock.now();
  let firstAcceptableAt: number | undefined;
  let providers = new Map<string, Provider>();
  const audits = policy.auditedBy.length > 0 ? await chain.auditedAttributes() : [];
  // Every bid seen during the wait, by provider: providers withdraw unanswered bids after a while, and the
  // "no acceptable bid" error must still explain them.
  const seen = new Map<string, BidVerdict>();

  // The order waited on is the newest one: bids on orders up to `staleThrough` belong to replaced orders.
  const history = await chain.bids(group.owner, group.dseq, { gseq: group.gseq });
  let newestOseq = Math.max(0, ...history.map((b) => b.id.oseq));
  let staleThrough = options.reopened ? newestOseq : 0;
  const current = (id: BidId) => id.oseq > staleThrough && id.oseq === newestOseq;
  // Providers that bid on the current order, and those of them whose bid is gone (withdrawn, timed out).
  const bidders = new Set<string>();
  const withdrawn = new Set<string>();
  for (const b of history) {
    if (!current(b.id)) continue;
    bidders.add(b.id.provider);
    if (b.state === "closed" || exclude.has(bidKey(b.id))) withdrawn.add(b.id.provider);
  }
  let openBefore = new Set<string>();
  // When the wait on the current order began.
  let orderSince = clock.now();
  let quietReopened = false;

  for (;;) {
    ctx.signal.throwIfAborted();
    const fresh = (await watcher.openBids(group, ctx.signal)).filter((b) => b.id.oseq > staleThrough);
    newestOseq = Math.max(newestOseq, ...fresh.map((b) => b.id.oseq));
    const bids = fresh.filter((b) => current(b.id) && !exclude.has(bidKey(b.id)));
    const openNow = new Set(bids.map((b) => b.id.provider));
    for (const provider of openBefore) if (!openNow.has(provider)) withdrawn.add(provider);
    for (const provider of openNow) {
      bidders.add(provider);
      withdrawn.delete(provider);
    }
    openBefore = openNow;

    const allWithdrawn = bids.length === 0 && withdrawn.size > 0;
    // Providers that declined the order (e.g. out of capacity at the time) never look at it again either.
    // Once per wait: a placement no provider will take should not keep paying for new orders.
    const unanswered = bidders.size === 0 && !quietReopened && clock.now() - orderSince >= quietMs(policy);
    if ((allWithdrawn || unanswered) && reopen && clock.now() - started < policy.waitMs) {
      ctx.log.info(
        allWithdrawn
          ? "every bid on the order was withdrawn; asking for a new order"
          : "no provider bid on the order; asking for a new order",
        {
          dseq: group.dseq.toString(),
          gseq: group.gseq,
          oseq: newestOseq,
          ...(allWithdrawn ? { withdrawn: [...withdrawn].join(",") } : {}),
        },
      );
      if ((await reopen()) === "leased") return { kind: "leased" };
      if (!allWithdrawn) quietReopened = true;
      orderSince = clock.now();
      staleThrough = newestOseq;
      bidders.clear();
      withdrawn.clear();
      openBefore = new Set();
      firstAcceptableAt = undefined;
      continue;
    }

    if (bids.some((b) => !providers.has(b.id.provider))) {
      providers = new Map((await chain.providers()).map((p) => [p.owner, p]));
    }
    const verdicts = await Promise.all(
      bids.map(async (b): Promise<BidVerdict> => {
        const verdict = judgeBid(b, policy, providers, audits);
        const provider = providers.get(b.id.provider);
        if (!verdict.accepted || !providerCheck || !provider) return verdict;
        const reason = await providerCheck(provider);
        return reason === undefined ? verdict : { bid: b, accepted: false, reason };
      }),
    );
    for (const v of verdicts) {
      if (!seen.has(v.bid.id.provider)) {
        ctx.log.info(v.accepted ? "bid acceptable" : "bid rejected", {
          provider: v.bid.id.provider,
          price: `${v.bid.price.amount}${v.bid.price.denom}`,
          ...(v.reason ? { reason: v.reason } : {}),
        });
      }
      seen.set(v.bid.id.provider, v);
    }
    const accepted = rankBids(
      verdicts.filter((v) => v.accepted).map((v) => v.bid),
      policy,
    );
    const now = clock.now();
    const best = accepted[0];
    if (best) {
      firstAcceptableAt ??= now;
      if (
        policy.strategy === "first" ||
        now - firstAcceptableAt >= policy.collectMs ||
        now - started >= policy.waitMs ||
        (spec !== undefined && everyCandidateBid(spec, providers, bidders))
      ) {
        ctx.log.info("bid chosen", {
          provider: best.id.provider,
          oseq: best.id.oseq,
          price: `${best.price.amount}${best.price.denom}`,
          strategy: policy.strategy,
        });
        return { kind: "bid", bid: best };
      }
    } else if (now - started >= policy.waitMs) {
      throw noAcceptableBid(group, `within ${Math.round(policy.waitMs / 1000)}s`, [...seen.values()]);
    } else if (spec) {
      // Decided early: every provider that can serve the placement has bid and been turned down (or none can).
      if (providers.size === 0) providers = new Map((await chain.providers()).map((p) => [p.owner, p]));
      const candidates = placementCandidates(spec, providers.values());
      const pending = candidates.filter((p) => seen.get(p.owner)?.accepted !== false);
      if (pending.length === 0) {
        const why =
          candidates.length === 0
            ? "(no registered provider has the attributes the SDL's placement requires)"
            : `(all ${candidates.length} providers that can serve the placement bid and were turned down)`;
        throw noAcceptableBid(group, why, [...seen.values()]);
      }
    }
  }
}
