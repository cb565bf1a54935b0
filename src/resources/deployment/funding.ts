/**
 * Where a deployment's deposit comes from, checked before anything is sent so a failure leaves nothing on chain:
 *
 * - `balance`: the owner's own ACT. When it is short and `mint_act` allows it, AKT is burnt for ACT first
 *   (MsgMintACT) and we wait for the BME epoch that mints it. Halted minting is reported as such.
 * - `grant`: a granter's DepositAuthorization to the owner (grantee mode). Missing, expired, out-of-scope or
 *   exhausted grants are reported naming the granter and what is left.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Chain, ChainTransactions, Coin, DepositSource } from "../../akash/ports/chain";
import { formatCoin } from "../../domain/coin-text";
import { liveDepositGrant } from "../../domain/live-grants";
import { DiagnosticError, type Diagnostics } from "../../framework/diagnostics";
import type { Logger } from "../../framework/logger";

export interface FundingRequest {
  owner: string;
  deposit: Coin;
  source: DepositSource;
  /** Required for `grant`. */
  granter?: string;
  /**
   * When the ACT balance is short: in uakt, the AKT to burn; in uact, the ACT wanted (the burn is quoted from the
   * oracle price). Undefined = never mint.
   */
  mintAct?: Coin;
  /** With a uact `mintAct`: never burn more than this (uakt), whatever the price does between plan and apply. */
  maxBurn?: Coin;
}

/** How far the AKT price may fall between plan and apply before a quoted mint is refused: 2 %. */
export const MINT_SLIPPAGE_PERCENT = 2n;

/** The bound the plan states for a quoted burn: the quote plus the allowed slippage, rounded up. */
export function burnBound(burn: Coin): Coin {
  return { denom: burn.denom, amount: (burn.amount * (100n + MINT_SLIPPAGE_PERCENT) + 99n) / 100n };
}

/** What an apply would do to fund the deposit (for plan-time warnings). */
export type FundingOutlook =
  | { kind: "ready" }
  | { kind: "mint"; burn: Coin; balance: Coin; receive?: Coin }
  | { kind: "problem"; summary: string; detail: string };

function amountOf(coins: Coin[], denom: string): bigint {
  return coins.find((c) => c.denom === denom)?.amount ?? 0n;
}

async function grantProblem(chain: Chain, request: FundingRequest, now: Date): Promise<FundingOutlook> {
  const { owner, deposit, granter } = request;
  if (!granter) {
    return {
      kind: "problem",
      summary: "No granter for a grant-funded deposit",
      detail:
        'deposit_source = "grant" needs the granter whose deposit authorization pays: set `deposit_granter` on the ' +
        "deployment, or `deposit_granter` / `granter` (AKASH_GRANTER) in the provider block.",
    };
  }
  const grant = await liveDepositGrant(chain, granter, owner, now);
  if (!grant) {
    return {
      kind: "problem",
      summary: "Deposit authorization missing",
      detail:
        `${granter} has no live deposit authorization for ${owner} (never granted, revoked or expired). The granter ` +
        `must grant one, e.g. with resource "akash_deposit_authorization" { grantee = "${owner}" ... }.`,
    };
  }
  if (!grant.scopes.includes("deployment")) {
    return {
      kind: "problem",
      summary: "Deposit authorization does not cover deployments",
      detail: `The authorization from ${granter} to ${owner} has scopes [${grant.scopes.join(", ")}]; add "deployment".`,
    };
  }
  const left = amountOf(grant.spendLimits, deposit.denom);
  if (left < deposit.amount) {
    return {
      kind: "problem",
      summary: "Deposit authorization exhausted",
      detail:
        `The deposit authorization from ${granter} to ${owner} has ${left}${deposit.denom} left, but this deposit ` +
        `needs ${formatCoin(deposit)}. Ask the granter to raise spend_limits, or lower the deposit.`,
    };
  }
  return { kind: "ready" };
}

/** Checks the funding without changing anything (`now` decides which grants have expired). */
export async function fundingOutlook(
  chain: Chain,
  request: FundingRequest,
  now: Date,
): Promise<FundingOutlook> {
  if (request.source === "grant") return grantProblem(chain, request, now);
  const { owner, deposit, mintAct } = request;
  const balances = await chain.balances(owner);
  const have = amountOf(balances, deposit.denom);
  if (have >= deposit.amount) return { kind: "ready" };
  const balance = { denom: deposit.denom, amount: have };
  if (deposit.denom === "uact" && mintAct?.denom === "uakt") return { kind: "mint", burn: mintAct, balance };
  if (deposit.denom === "uact" && mintAct?.denom === "uact")
    return quotedMint(chain, request, balance, mintAct);
  return {
    kind: "problem",
    summary: "Not enough ACT for the deposit",
    detail:
      `${owner} has ${formatCoin(balance)} but the deposit needs ${formatCoin(deposit)}. ACT cannot be ` +
      'transferred, only minted from AKT: set `mint_act = "<amount>uakt"` on the deployment to burn that much AKT ' +
      'for ACT when needed, or fund the deposit from a deposit authorization (deposit_source = "grant").',
  };
}

/** A mint of the ACT amount wanted: enough to cover the deposit, quoted at the current oracle price. */
async function quotedMint(
  chain: Chain,
  request: FundingRequest,
  balance: Coin,
  want: Coin,
): Promise<FundingOutlook> {
  const { deposit } = request;
  if (balance.amount + want.amount < deposit.amount) {
    return {
      kind: "problem",
      summary: "mint_act does not cover the deposit",
      detail:
        `${request.owner} has ${formatCoin(balance)}; minting ${formatCoin(want)} more would still not reach the ` +
        `deposit of ${formatCoin(deposit)}. Raise mint_act to at least ${deposit.amount - balance.amount}uact.`,
    };
  }
  const quote = await chain.actMintQuote(want);
  if (quote.belowMinimum) {
    return {
      kind: "problem",
      summary: "mint_act below the chain's minimum mint",
      detail:
        `The chain cancels mints below min_mint (${formatCoin(quote.minMint)}); ${formatCoin(want)} is less. Raise ` +
        `mint_act to at least ${formatCoin(quote.minMint)}.`,
    };
  }
  if (request.maxBurn && quote.burn.amount > request.maxBurn.amount) {
    return {
      kind: "problem",
      summary: "AKT price moved beyond the planned bound",
      detail:
        `Minting ${formatCoin(want)} now takes ${formatCoin(quote.burn)} at ${quote.price} ACT per AKT, more than ` +
        `the ${formatCoin(request.maxBurn)} the plan allowed (mint_act_max_burn). Nothing was burnt. Plan again to ` +
        "see the new price, or raise mint_act_max_burn.",
    };
  }
  return { kind: "mint", burn: quote.burn, balance, receive: quote.receive };
}

export interface FundingContext {
  ports: Pick<AkashPorts, "clock" | "queue">;
  chain: Chain;
  transactions: ChainTransactions;
  signal: AbortSignal;
  log: Logger;
  /** How long to wait for a mint to execute (ms). */
  mintWaitMs?: number;
  pollMs?: number;
}

/** Makes sure the deposit can be paid; mints ACT when that is needed and allowed. Throws DiagnosticError otherwise. */
export async function ensureFunding(context: FundingContext, request: FundingRequest): Promise<void> {
  const outlook = await fundingOutlook(context.chain, request, new Date(context.ports.clock.now()));
  if (outlook.kind === "ready") return;
  if (outlook.kind === "problem") {
    const path = request.mintAct?.denom === "uact" && outlook.summary !== "Not enough ACT for the deposit";
    throw new DiagnosticError(outlook.summary, outlook.detail, [path ? "mint_act" : "deposit"]);
  }
  const burn = outlook.burn;
  // One mint at a time per owner: concurrent creates then see the first mint's ACT instead of minting again.
  await context.ports.queue.serialized(`mint:${request.owner}`, () => mintFor(context, request, burn));
}

async function mintFor(context: FundingContext, request: FundingRequest, burn: Coin): Promise<void> {
  const { chain, transactions, signal, log } = context;
  const { clock } = context.ports;
  const { owner, deposit } = request;
  chain.invalidate();
  // Another create may have minted meanwhile.
  const before = await chain.balances(owner);
  if (amountOf(before, deposit.denom) >= deposit.amount) return;
  const status = await chain.bmeStatus();
  if (!status.mintsAllowed) {
    throw new DiagnosticError(
      "ACT minting is halted",
      `The deposit needs ${formatCoin(deposit)} but ${owner} has ${amountOf(before, "uact")}uact, and the chain ` +
        `currently refuses to mint ACT (BME status ${status.status}, collateral ratio ${status.collateralRatio}). ` +
        "Nothing was sent. Retry once minting resumes, or fund the deposit from a deposit authorization.",
      ["mint_act"],
    );
  }
  const akt = amountOf(before, burn.denom);
  if (akt < burn.amount) {
    throw new DiagnosticError(
      "Not enough AKT to mint ACT",
      `mint_act burns ${formatCoin(burn)}, but ${owner} has ${akt}${burn.denom} (and fees are paid in uakt too).`,
      ["mint_act"],
    );
  }
  log.info("minting ACT for the deposit", { owner, burn: formatCoin(burn), deposit: formatCoin(deposit) });
  await transactions.submit({ kind: "mintAct", owner, amount: burn }, { signal });
  const startUact = amountOf(before, "uact");
  const deadline = clock.now() + (context.mintWaitMs ?? 180_000);
  for (;;) {
    await clock.sleep(context.pollMs ?? 1000, signal);
    chain.invalidate();
    const now = await chain.balances(owner);
    const uact = amountOf(now, "uact");
    if (uact > startUact) {
      if (uact >= deposit.amount) return;
      throw new DiagnosticError(
        "Minted ACT does not cover the deposit",
        `Burning ${formatCoin(burn)} minted ${uact - startUact}uact; ${owner} now has ${uact}uact but the deposit ` +
          `needs ${formatCoin(deposit)}. Raise mint_act (the AKT price in ACT varies) and apply again.`,
        ["mint_act"],
      );
    }
    // A cancelled mint (below the chain's min_mint) gives the burnt AKT back.
    if (amountOf(now, burn.denom) > akt - burn.amount + burn.amount / 2n) {
      throw new DiagnosticError(
        "ACT mint was cancelled",
        `The chain cancelled the mint of ${formatCoin(burn)} and refunded it, most likely because it would mint ` +
          "less than the minimum mint (min_mint, 10 ACT by default). Raise mint_act.",
        ["mint_act"],
      );
    }
    if (clock.now() > deadline) {
      throw new DiagnosticError(
        "ACT mint not executed in time",
        `${formatCoin(burn)} was burnt to mint ACT, but no ACT arrived within ${Math.round((context.mintWaitMs ?? 180_000) / 1000)}s ` +
          "(mints execute at the next BME epoch). The ACT will still arrive: apply again shortly.",
      );
    }
  }
}

/**
 * Plan time, for a new deployment: say what the apply will have to do for its deposit (a mint, with the amount)
 * or why it will fail. Best effort: a node that cannot be asked now is asked again at apply.
 */
export async function warnAboutFunding(
  chain: Chain,
  request: FundingRequest,
  now: Date,
  diags: Diagnostics,
): Promise<FundingOutlook | undefined> {
  let outlook: FundingOutlook;
  try {
    outlook = await fundingOutlook(chain, request, now);
  } catch {
    return undefined;
  }
  const { owner, deposit } = request;
  if (outlook.kind === "mint") {
    const bound = request.maxBurn
      ? `the apply quotes again and burns at most ${formatCoin(request.maxBurn)} (mint_act_max_burn), else it ` +
        "stops before burning anything."
      : "the apply quotes again and burns what the price then requires: to bound it, set " +
        `mint_act_max_burn (e.g. "${formatCoin(burnBound(outlook.burn))}", 2 % above today's quote).`;
    const quoted =
      outlook.receive === undefined
        ? ""
        : ` At today's oracle price that mints ${formatCoin(outlook.receive)}; ${bound}`;
    diags.warning(
      "ACT will be minted",
      `${owner} holds ${formatCoin(outlook.balance)} but the deposit needs ${formatCoin(deposit)}, so the apply will ` +
        `burn ${formatCoin(outlook.burn)} to mint ACT (MsgMintACT) and wait for the next BME epoch before creating ` +
        `the deployment.${quoted}`,
      ["mint_act"],
    );
  } else if (outlook.kind === "problem") {
    // Only a warning: a grant or a top-up created earlier in the same apply (depends_on) is not visible at plan time.
    diags.warning(
      outlook.summary,
      `${outlook.detail} (As the chain stands now, the apply would fail; ignore this if the same apply first ` +
        "creates what is missing, e.g. an akash_deposit_authorization this deployment depends on.)",
      ["deposit"],
    );
  }
  return outlook;
}
