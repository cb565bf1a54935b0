/**
 * Waiting for bids: polls the order's bids until an acceptable one is found (and, except for `first`, a short
 * collection window passed or every provider that can serve the placement has bid), judging each by the bid policy. When none is acceptable in time, the error lists
 * every bid seen and why it was turned down.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Bid, Chain, GroupId, Provider } from "../../akash/ports/chain";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";
import { describeRejections, judgeBid, rankBids, type BidVerdict } from "./bid-policy";
import type { ConfiguredBidPolicy } from "./bid-policy-config";
import { placementCandidates } from "./placement-candidates";
import type { GoGroupSpec } from "../../sdl/manifest-types";

const POLL_MS = 1000;

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
 * Every provider that can serve the placement has bid (accepted or not): waiting out the collect window cannot
 * bring a better bid, and ending it now frees the apply's parallelism slot.
 */
function everyCandidateBid(
  spec: GoGroupSpec,
  providers: Map<string, Provider>,
  seen: Map<string, BidVerdict>,
): boolean {
  const candidates = placementCandidates(spec, providers.values());
  return candidates.length > 0 && candidates.every((p) => seen.has(p.owner));
}

export async function chooseBid(
  ports: Pick<AkashPorts, "clock">,
  chain: Chain,
  group: GroupId,
  policy: ConfiguredBidPolicy,
  ctx: OperationContext,
  providerCheck?: ProviderCheck,
  /** The group's spec: with it the wait ends as soon as no provider that can serve the placement is left. */
  spec?: GoGroupSpec,
): Promise<Bid> {
  const { clock } = ports;
  const started = clock.now();
  let firstAcceptableAt: number | undefined;
  let providers = new Map<string, Provider>();
  const audits = policy.auditedBy.length > 0 ? await chain.auditedAttributes() : [];
  // Every bid seen during the wait, by provider: providers withdraw unanswered bids after a while, and the
  // "no acceptable bid" error must still explain them.
  const seen = new Map<string, BidVerdict>();
  for (;;) {
    ctx.signal.throwIfAborted();
    chain.invalidate();
    const bids = (await chain.bids(group.owner, group.dseq, { gseq: group.gseq })).filter(
      (b) => b.state === "open",
    );
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
        (spec !== undefined && everyCandidateBid(spec, providers, seen))
      ) {
        ctx.log.info("bid chosen", {
          provider: best.id.provider,
          price: `${best.price.amount}${best.price.denom}`,
          strategy: policy.strategy,
        });
        return best;
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
    await clock.sleep(POLL_MS, ctx.signal);
  }
}
