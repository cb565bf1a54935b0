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
import type { Bid, Chain, GroupId, Provider } from "../../akash/ports/chain";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";
import { describeRejections, judgeBid, rankBids, type BidVerdict } from "./bid-policy";
import type { ConfiguredBidPolicy } from "./bid-policy-config";
import { OrderTracker } from "./order-tracker";
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
  /** The group was just reopened: bids on orders up to this one are history, not withdrawn bids of this order. */
  replacedOseq?: number;
}

/** Each bid judged by the policy, then (if accepted) by the check that needs the provider itself. */
function judgeAll(
  bids: Bid[],
  policy: ConfiguredBidPolicy,
  providers: Map<string, Provider>,
  audits: Awaited<ReturnType<Chain["auditedAttributes"]>>,
  providerCheck: ProviderCheck | undefined,
): Promise<BidVerdict[]> {
  return Promise.all(
    bids.map(async (b): Promise<BidVerdict> => {
      const verdict = judgeBid(b, policy, providers, audits);
      const provider = providers.get(b.id.provider);
      if (!verdict.accepted || !providerCheck || !provider) return verdict;
      const reason = await providerCheck(provider);
      return reason === undefined ? verdict : { bid: b, accepted: false, reason };
    }),
  );
}

/** Logs each provider's verdict the first time its bid is seen, and remembers the latest for the error. */
function logFirstVerdicts(
  verdicts: BidVerdict[],
  seen: Map<string, BidVerdict>,
  ctx: OperationContext,
): void {
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
}

/**
 * Decided early: every provider that can serve the placement has bid and been turned down, or none can. Returns
 * why, for the error; undefined while some provider may still bid acceptably.
 */
function hopeless(
  spec: GoGroupSpec,
  providers: Map<string, Provider>,
  seen: Map<string, BidVerdict>,
): string | undefined {
  const candidates = placementCandidates(spec, providers.values());
  if (candidates.some((p) => seen.get(p.owner)?.accepted !== false)) return undefined;
  return candidates.length === 0
    ? "(no registered provider has the attributes the SDL's placement requires)"
    : `(all ${candidates.length} providers that can serve the placement bid and were turned down)`;
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

  const history = await chain.bids(group.owner, group.dseq, { gseq: group.gseq });
  const order = new OrderTracker(history, options.replacedOseq ?? 0, exclude, clock.now());

  for (;;) {
    ctx.signal.throwIfAborted();
    const bids = order.observe(await watcher.openBids(group, ctx.signal));
    const replace = order.replaceReason(bids, policy, clock.now());
    if (replace && reopen && clock.now() - started < policy.waitMs) {
      ctx.log.info(
        replace === "withdrawn"
          ? "every bid on the order was withdrawn; asking for a new order"
          : "no provider bid on the order; asking for a new order",
        {
          dseq: group.dseq.toString(),
          gseq: group.gseq,
          oseq: order.newestOseq,
          ...(replace === "withdrawn" ? { withdrawn: [...order.withdrawn].join(",") } : {}),
        },
      );
      if ((await reopen()) === "leased") return { kind: "leased" };
      order.replaced(replace, clock.now());
      firstAcceptableAt = undefined;
      continue;
    }

    if (bids.some((b) => !providers.has(b.id.provider))) {
      providers = new Map((await chain.providers()).map((p) => [p.owner, p]));
    }
    const verdicts = await judgeAll(bids, policy, providers, audits, providerCheck);
    logFirstVerdicts(verdicts, seen, ctx);
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
        (spec !== undefined && everyCandidateBid(spec, providers, order.bidders))
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
      if (providers.size === 0) providers = new Map((await chain.providers()).map((p) => [p.owner, p]));
      const why = hopeless(spec, providers, seen);
      if (why) throw noAcceptableBid(group, why, [...seen.values()]);
    }
  }
}
