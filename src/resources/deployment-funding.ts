/**
 * Where a deployment's deposit comes from, checked before anything is sent so a failure leaves nothing on chain:
 *
 * - `balance`: the owner's own ACT. When it is short and `mint_act` allows it, AKT is burnt for ACT first
 *   (MsgMintACT) and we wait for the BME epoch that mints it. Halted minting is reported as such.
 * - `grant`: a granter's DepositAuthorization to the owner (grantee mode). Missing, expired, out-of-scope or
 *   exhausted grants are reported naming the granter and what is left.
 */
import type { Chain, ChainTransactions, Coin, DepositSource, Deployment } from "../akash/ports/chain";
import { DiagnosticError, type Diagnostics } from "../framework/diagnostics";
import type { Logger } from "../framework/logger";
import type { AttributeSpec } from "../framework/schema";
import { matches, oneOf } from "../framework/validators";
import { UNKNOWN, type ObjectValue, type Value } from "../framework/values";
import type { ProviderSettings } from "../provider/config";
import { formatCoin, parseCoin } from "./coin-text";
import { liveDepositGrant } from "./deposit-authorization";
import { ACCOUNT_ADDRESS } from "./grant-terms";
import { sleep } from "../akash/ports/sleep";

export interface FundingRequest {
  owner: string;
  deposit: Coin;
  source: DepositSource;
  /** Required for `grant`. */
  granter?: string;
  /** Burn at most this much (uakt) for ACT when the balance is short; undefined = never mint. */
  mintAct?: Coin;
}

/** What an apply would do to fund the deposit (for plan-time warnings). */
export type FundingOutlook =
  | { kind: "ready" }
  | { kind: "mint"; burn: Coin; balance: Coin }
  | { kind: "problem"; summary: string; detail: string };

function amountOf(coins: Coin[], denom: string): bigint {
  return coins.find((c) => c.denom === denom)?.amount ?? 0n;
}

async function grantProblem(chain: Chain, request: FundingRequest): Promise<FundingOutlook> {
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
  const grant = await liveDepositGrant(chain, granter, owner);
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

/** Checks the funding without changing anything. */
export async function fundingOutlook(chain: Chain, request: FundingRequest): Promise<FundingOutlook> {
  if (request.source === "grant") return grantProblem(chain, request);
  const { owner, deposit, mintAct } = request;
  const balances = await chain.balances(owner);
  const have = amountOf(balances, deposit.denom);
  if (have >= deposit.amount) return { kind: "ready" };
  const balance = { denom: deposit.denom, amount: have };
  if (deposit.denom === "uact" && mintAct) return { kind: "mint", burn: mintAct, balance };
  return {
    kind: "problem",
    summary: "Not enough ACT for the deposit",
    detail:
      `${owner} has ${formatCoin(balance)} but the deposit needs ${formatCoin(deposit)}. ACT cannot be ` +
      'transferred, only minted from AKT: set `mint_act = "<amount>uakt"` on the deployment to burn that much AKT ' +
      'for ACT when needed, or fund the deposit from a deposit authorization (deposit_source = "grant").',
  };
}

// One mint at a time per owner: concurrent creates then see the first mint's ACT instead of minting again.
const mintQueues = new Map<string, Promise<unknown>>();

function serialized<T>(owner: string, task: () => Promise<T>): Promise<T> {
  const previous = mintQueues.get(owner) ?? Promise.resolve();
  const next = previous.then(task, task);
  mintQueues.set(
    owner,
    next.catch(() => undefined),
  );
  return next;
}

export interface FundingContext {
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
  const outlook = await fundingOutlook(context.chain, request);
  if (outlook.kind === "ready") return;
  if (outlook.kind === "problem") throw new DiagnosticError(outlook.summary, outlook.detail, ["deposit"]);
  await serialized(request.owner, () => mintFor(context, request));
}

async function mintFor(context: FundingContext, request: FundingRequest): Promise<void> {
  const { chain, transactions, signal, log } = context;
  const { owner, deposit } = request;
  const burn = request.mintAct!;
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
  const deadline = Date.now() + (context.mintWaitMs ?? 180_000);
  for (;;) {
    await sleep(context.pollMs ?? 1000, signal);
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
    if (Date.now() > deadline) {
      throw new DiagnosticError(
        "ACT mint not executed in time",
        `${formatCoin(burn)} was burnt to mint ACT, but no ACT arrived within ${Math.round((context.mintWaitMs ?? 180_000) / 1000)}s ` +
          "(mints execute at the next BME epoch). The ACT will still arrive: apply again shortly.",
      );
    }
  }
}

// ---- How akash_deployment exposes funding: its attributes, checks, plan and apply steps. ----

const SOURCES = ["balance", "grant"] as const;

/** The funding attributes akash_deployment adds to its schema. */
export const FUNDING_ATTRIBUTES: Record<string, AttributeSpec> = {
  deposit_source: {
    type: "string",
    optional: true,
    computed: true,
    description:
      "Where the deposit (and top-ups) come from: `balance` (the owner's own ACT) or `grant` (a granter's " +
      "`akash_deposit_authorization` to the owner). Defaults to `grant` when the provider has a `deposit_granter` " +
      "(or `granter`), else `balance`.",
    validators: [oneOf(SOURCES)],
  },
  deposit_granter: {
    type: "string",
    optional: true,
    computed: true,
    description:
      'With `deposit_source = "grant"`: the granter whose deposit authorization pays (checked before anything is ' +
      "sent). Defaults to the provider's `deposit_granter`.",
    validators: [matches(ACCOUNT_ADDRESS, "an account address (akash1...)")],
  },
  mint_act: {
    type: "string",
    optional: true,
    description:
      "Allows minting ACT from AKT when the owner's ACT balance cannot cover the deposit: how much AKT to burn, " +
      'e.g. `"20000000uakt"` (the ACT arrives at the next BME epoch; the chain\'s minimum mint is 10 ACT). The plan ' +
      "warns when a mint will happen. Unset = never mint.",
  },
};

export function checkFundingConfig(config: ObjectValue, diags: Diagnostics): void {
  if (typeof config.mint_act === "string") {
    const coin = parseCoin(config.mint_act);
    if (!coin || coin.amount <= 0n || coin.denom !== "uakt") {
      diags.error(
        "Invalid mint_act",
        `"${config.mint_act}" must be an amount of AKT to burn, e.g. 20000000uakt.`,
        ["mint_act"],
      );
    }
  }
  if (config.deposit_source === "balance" && typeof config.deposit_granter === "string") {
    diags.error(
      "deposit_granter without a grant",
      'deposit_granter only applies with deposit_source = "grant".',
      ["deposit_granter"],
    );
  }
}

/** Fills `deposit_source` / `deposit_granter` defaults. */
export function resolveFunding(
  prior: ObjectValue | null,
  planned: ObjectValue,
  config: ObjectValue,
  settings: ProviderSettings | undefined,
): void {
  if (config.deposit_source === null || config.deposit_source === undefined) {
    planned.deposit_source =
      (prior?.deposit_source as Value | undefined) ??
      (settings ? (settings.depositGranter ? "grant" : "balance") : UNKNOWN);
  }
  if (config.deposit_granter === null || config.deposit_granter === undefined) {
    if (planned.deposit_source === "balance") planned.deposit_granter = null;
    else if (planned.deposit_source === "grant") {
      planned.deposit_granter =
        (prior?.deposit_granter as Value | undefined) ??
        (settings ? (settings.depositGranter ?? null) : UNKNOWN);
    } else planned.deposit_granter = UNKNOWN;
  }
}

export function fundingRequestOf(values: ObjectValue, owner: string, deposit: Coin): FundingRequest {
  const mint = typeof values.mint_act === "string" ? parseCoin(values.mint_act) : undefined;
  return {
    owner,
    deposit,
    source: values.deposit_source === "grant" ? "grant" : "balance",
    ...(typeof values.deposit_granter === "string" ? { granter: values.deposit_granter } : {}),
    ...(mint ? { mintAct: mint } : {}),
  };
}

/**
 * Plan time, for a new deployment: say what the apply will have to do for its deposit (a mint, with the amount)
 * or why it will fail. Best effort: a node that cannot be asked now is asked again at apply.
 */
export async function warnAboutFunding(
  chain: Chain,
  owner: string,
  values: ObjectValue,
  deposit: Coin,
  diags: Diagnostics,
): Promise<void> {
  let outlook: FundingOutlook;
  try {
    outlook = await fundingOutlook(chain, fundingRequestOf(values, owner, deposit));
  } catch {
    return;
  }
  if (outlook.kind === "mint") {
    diags.warning(
      "ACT will be minted",
      `${owner} holds ${formatCoin(outlook.balance)} but the deposit needs ${formatCoin(deposit)}, so the apply will ` +
        `burn ${formatCoin(outlook.burn)} to mint ACT (MsgMintACT) and wait for the next BME epoch before creating ` +
        "the deployment.",
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
}

/** Deposit sources for the chain message. */
export function sourcesFor(values: ObjectValue): DepositSource[] {
  return [values.deposit_source === "grant" ? "grant" : "balance"];
}

/** After an import or for state written before these attributes existed: the chain's record of who paid. */
export function fundingFromEscrow(deployment: Deployment): ObjectValue {
  const first = deployment.escrow?.deposits[0];
  if (!first) return { deposit_source: "balance", deposit_granter: null };
  return first.source === "grant"
    ? { deposit_source: "grant", deposit_granter: first.owner }
    : { deposit_source: "balance", deposit_granter: null };
}
