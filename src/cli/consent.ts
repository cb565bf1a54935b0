/**
 * Consent before real money. When the main job targets a network it did not start (AKASH_NODE), it shows the
 * network, the paying account, its balance and what the stack costs, and goes on only if the user says so: on the
 * terminal, or — without one — with `--confirm-chain <chain id>`, which names the network consented to so that a
 * flag kept in a script cannot approve spending on another chain.
 */
import type { Coin } from "../akash/ports/chain";
import { inWholeUnits } from "./cost-estimate";
import type { CommandIO } from "./io";

export interface SpendingOffer {
  stack: string;
  node: string;
  chainId: string;
  account: string;
  balances: Coin[];
  /** Grantee mode: whose deposit authorization pays the deposits. */
  depositGranter?: string;
  /** What the stack creates and costs (plan-summary.ts). */
  planLines: string[];
}

export type Consent = { given: true } | { given: false; reason: string };

function balanceText(balances: Coin[]): string {
  const shown = balances.filter((c) => c.amount > 0n);
  if (shown.length === 0) return "no funds";
  return shown
    .map((c) => {
      const whole = inWholeUnits(c.amount.toString(), c.denom);
      return whole.endsWith(c.denom) ? `${c.amount} ${c.denom}` : `${c.amount} ${c.denom} (${whole})`;
    })
    .join(", ");
}

export function offerLines(offer: SpendingOffer): string[] {
  return [
    "▶ AKASH_NODE is set: deploying to a network this job did not start, with real funds",
    `  network   ${offer.node} (chain ${offer.chainId})`,
    `  account   ${offer.account}`,
    `  balance   ${balanceText(offer.balances)}`,
    ...(offer.depositGranter
      ? [`  deposits  paid from the deposit authorization of ${offer.depositGranter}`]
      : []),
    ...offer.planLines.map((l) => `  ${l}`),
    "  plus transaction fees (uakt)",
  ];
}

const YES = /^\s*(y|yes)\s*$/i;

/** Shows the offer and returns whether the user consented; never assumes consent. */
export async function seekConsent(
  offer: SpendingOffer,
  confirmChain: string | undefined,
  io: CommandIO,
): Promise<Consent> {
  for (const line of offerLines(offer)) io.stdout(line);
  const nothing = `Nothing was created on ${offer.chainId}.`;
  if (confirmChain !== undefined) {
    if (confirmChain === offer.chainId) {
      io.stdout(`  confirmed with --confirm-chain ${confirmChain}`);
      return { given: true };
    }
    return {
      given: false,
      reason: `--confirm-chain ${confirmChain} does not match the chain id of ${offer.node}, which is ${offer.chainId}. ${nothing}`,
    };
  }
  if (io.ask) {
    const answer = await io.ask(`Deploy ${offer.stack} to ${offer.chainId} with ${offer.account}? [y/N] `);
    if (YES.test(answer)) return { given: true };
    return { given: false, reason: `Not deploying: not confirmed. ${nothing}` };
  }
  return {
    given: false,
    reason:
      `Not deploying: there is no terminal to ask for confirmation, and this spends real funds. ${nothing}\n` +
      `To deploy anyway, confirm the network by its chain id:\n` +
      `  akash-cdktf main --confirm-chain ${offer.chainId}      (or: npm start -- --confirm-chain ${offer.chainId})`,
  };
}
