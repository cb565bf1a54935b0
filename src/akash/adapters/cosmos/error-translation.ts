/**
 * Chain failures → what the user should do. Input is the raw (code, codespace, log) the chain returned from
 * CheckTx, FinalizeBlock, simulation or a query (texts per shared/reference/chain-rules.md §2–3); output is a
 * ChainError with an actionable message and the raw log kept as `detail`.
 *
 * Matching is mostly on log text, because Akash wraps many errors with fmt.Errorf, which reports code 1 in
 * codespace "undefined" while the text still names the real cause.
 */
import { ChainError, type ChainErrorCode } from "../../ports/errors";

export interface RawChainFailure {
  code: number;
  codespace: string;
  log: string;
}

const MSG_INDEX = /message index: (\d+)/;
const SEQUENCE = /account sequence mismatch, expected (\d+), got (\d+)/;

/** Index of the failing message in a multi-message transaction, when the chain says. */
export function failingMessageIndex(log: string): number | undefined {
  const m = MSG_INDEX.exec(log);
  return m ? Number(m[1]) : undefined;
}

/** The sequence the chain expects, when the failure is a sequence mismatch. */
export function expectedSequence(failure: RawChainFailure): bigint | undefined {
  const m = SEQUENCE.exec(failure.log);
  return m ? BigInt(m[1]!) : undefined;
}

export function isSequenceMismatch(failure: RawChainFailure): boolean {
  return (failure.codespace === "sdk" && failure.code === 32) || SEQUENCE.test(failure.log);
}

/** Failures that concern the whole transaction (fees, signature, sequence), not one of its messages. */
export function isTransactionWide(failure: RawChainFailure): boolean {
  if (failingMessageIndex(failure.log) !== undefined) return false;
  if (failure.codespace === "sdk" && [4, 5, 9, 11, 13, 32, 41].includes(failure.code)) return true;
  return /insufficient fee|spendable balance|signature verification failed|does not allow to pay fees/.test(
    failure.log,
  );
}

/** The inner error text without the SDK's wrappers (simulate's gRPC wrapper, "failed to execute message"). */
export function innerLog(log: string): string {
  return log
    .replace(/^rpc error: code = \w+ desc = /, "")
    .replace(/ with gas used: '\d+'(: unknown request)?$/, "")
    .replace(/^failed to execute message; message index: \d+: /, "");
}

function denomHint(denom: string): string {
  return denom === "uact"
    ? " ACT (uact) cannot be transferred: mint it by burning AKT (MsgMintACT; it arrives at the next BME epoch), " +
        "or fund deployments through a deposit grant from an account that has ACT."
    : denom === "uakt"
      ? " Send AKT to this account (fees are always paid in uakt)."
      : "";
}

interface Rule {
  test: RegExp;
  code: ChainErrorCode;
  message: (m: RegExpExecArray, inner: string) => string;
}

/** AEP-82 reclamation (chain v2.1): deployment bounds, bid offers, and the provider's reclaim-then-close order. */
const RECLAMATION_RULES: Rule[] = [
  {
    test: /min_window (below|above) governance (minimum|maximum)|min_window must be >= 0/,
    code: "invalid-request",
    message: (m) =>
      `The deployment's reclamation min_window is ${
        m[1] === "below"
          ? "below the chain's minimum"
          : m[1] === "above"
            ? "above the chain's maximum"
            : "negative"
      } (market params min/max_reclamation_window: 1h and 720h on mainnet). Choose a window within those bounds.`,
  },
  {
    test: /reclamation window outside governance bounds/,
    code: "invalid-request",
    message: () =>
      "The bid's reclamation window is outside the chain's bounds (market params min/max_reclamation_window).",
  },
  {
    test: /order requires reclamation but bid does not offer it|reclamation window shorter than order minimum/,
    code: "invalid-request",
    message: (m) =>
      m[0].startsWith("order requires")
        ? "The deployment requires reclamation, but the bid offers no reclamation window. Pick a bid that offers one."
        : "The bid's reclamation window is shorter than the deployment's min_window. Pick a bid with a longer window.",
  },
  {
    test: /lease does not have reclamation configured/,
    code: "invalid-state",
    message: () => "The lease has no reclamation window (its bid offered none), so it cannot be reclaimed.",
  },
  {
    test: /reclamation already in progress/,
    code: "invalid-state",
    message: () => "Reclamation of this lease has already started.",
  },
  {
    test: /reclamation not started; call MsgLeaseStartReclaim first/,
    code: "invalid-state",
    message: () =>
      "The lease has a reclamation window: its provider must start reclamation (MsgLeaseStartReclaim) and wait for " +
      "the window to pass before closing it. The tenant can close it at any time.",
  },
  {
    test: /reclamation window has not elapsed/,
    code: "invalid-state",
    message: () =>
      "The lease's reclamation window has not passed yet; the provider may close it after the deadline.",
  },
];

const RULES: Rule[] = [
  {
    test: SEQUENCE,
    code: "sequence-mismatch",
    message: (m) =>
      `The account's transaction sequence moved (chain expects ${m[1]}, we used ${m[2]}); another client may be ` +
      "signing with the same key at the same time. The provider re-synchronised and retried; if this persists, " +
      "avoid using the key elsewhere during terraform runs.",
  },
  {
    test: /insufficient fees; got: ?([0-9a-z/,]*) required: ([0-9a-z/,]+)/,
    code: "insufficient-fee",
    message: (m) =>
      `The node requires a fee of at least ${m[2]} but ${m[1] || "nothing"} was offered. Raise \`gas_prices\` in the ` +
      "provider block (the node's minimum gas price is higher than configured).",
  },
  {
    test: /spendable balance (\d*)([a-z][a-z0-9/]*)? is smaller than (\d+)([a-z][a-z0-9/]*)/,
    code: "insufficient-funds",
    message: (m) => {
      const denom = m[4] ?? "";
      const have = m[1] ? `${m[1]}${m[2] ?? denom}` : `0${denom}`;
      const need = BigInt(m[3]!) - BigInt(m[1] || "0");
      return `Insufficient funds: the account has ${have} but this needs ${m[3]}${denom} (${need}${denom} more).${denomHint(denom)}`;
    },
  },
  {
    test: /(?:fee payer address: |account )(akash1[0-9a-z]+) does not exist/,
    code: "insufficient-funds",
    message: (m) =>
      `Account ${m[1]} does not exist on chain yet: it has never received tokens. Send it some AKT (uakt) first.`,
  },
  {
    test: /Deposit too low - (\d+) < (\d+)([a-z][a-z0-9/]*)/,
    code: "deposit-too-low",
    message: (m) =>
      `The deposit ${m[1]}${m[3]} is below the chain's minimum of ${m[2]}${m[3]}` +
      `${m[3] === "uact" ? ` (${Number(m[2]) / 1e6} ACT)` : ""}. Increase the deployment's deposit to at least ${m[2]}${m[3]}.`,
  },
  {
    test: /unsupported denomination (\w+)/,
    code: "unsupported-denom",
    message: (m) =>
      `Deployments can no longer be priced in ${m[1]}: since Akash v2.0 prices and deposits must be in uact (ACT). ` +
      `Change the SDL's pricing denom to uact (and the deposit to uact).`,
  },
  {
    test: /Mismatched denominations \((\w+) != (\w+)\)/,
    code: "unsupported-denom",
    message: (m) =>
      `The deposit is in ${m[1]} but the SDL prices are in ${m[2]}; they must use the same denom (uact).`,
  },
  {
    test: /Invalid deposit denomination (\w+)/,
    code: "unsupported-denom",
    message: (m) => `The chain does not accept deposits in ${m[1]}; use uact (ACT).`,
  },
  {
    test: /inconsistent group denomination/,
    code: "unsupported-denom",
    message: () => "All placement groups must be priced in the same denom (uact).",
  },
  {
    test: /insufficient balance/,
    code: "insufficient-funds",
    message: () =>
      "The account (and any deposit grant listed as a source) cannot cover the deposit." + denomHint("uact"),
  },
  {
    test: /^Deposit invalid$/,
    code: "unsupported-denom",
    message: () =>
      "The chain rejected the deposit: new deployments must be funded in uact (ACT); AKT (uakt) can only be added " +
      "later as a top-up. Use a uact deposit.",
  },
  {
    test: /Deployment exists/,
    code: "already-exists",
    message: () =>
      "A deployment with this dseq already exists for this owner (closed deployments are never deleted). Use a new dseq.",
  },
  {
    test: /Deployment not found/,
    code: "not-found",
    message: () => "The deployment does not exist on chain.",
  },
  {
    test: /Deployment closed/,
    code: "invalid-state",
    message: () =>
      "The deployment is closed; it cannot be changed. Create a new one (terraform will replace it).",
  },
  {
    test: /Invalid: deployment hash/,
    code: "invalid-request",
    message: () => "The new manifest hash equals the current one; there is nothing to update.",
  },
  {
    // Deployment module group errors (MsgStartGroup / MsgPauseGroup / MsgCloseGroup); capitalised, unlike the
    // market module's "group not open" below.
    test: /\bGroup open\b/,
    code: "invalid-state",
    message: () => "The group is already open (it was reopened meanwhile); providers can bid on it.",
  },
  {
    test: /Group already closed|\bGroup paused\b/,
    code: "invalid-state",
    message: (m) =>
      m[0] === "Group paused"
        ? "The group is already paused."
        : "The group is closed for good (its deployment was closed or ran out of funds); replace the deployment.",
  },
  {
    test: /Group not found/,
    code: "not-found",
    message: () => "The deployment has no such group.",
  },
  ...RECLAMATION_RULES,
  {
    test: /invalid bid: bid not found|unknown bid/,
    code: "not-found",
    message: () => "The bid does not exist (any more). Wait for new bids and pick another.",
  },
  {
    test: /bid not open|bid: order not open|group not open/,
    code: "invalid-state",
    message: () =>
      "The bid is no longer open (the provider withdrew it, it timed out, or another lease won the order). Pick a " +
      "new bid; terraform will retry on the next apply.",
  },
  {
    test: /lease not found|unknown lease/,
    code: "not-found",
    message: () => "The lease does not exist on chain.",
  },
  {
    test: /lease not active/,
    code: "invalid-state",
    message: () =>
      "The lease is not active any more: it is closed, or its provider is already reclaiming it.",
  },
  {
    test: /order closed|bid not active/,
    code: "invalid-state",
    message: () => "The lease is already closed.",
  },
  {
    test: /account overdrawn/,
    code: "insufficient-funds",
    message: () =>
      "The deployment's escrow account is overdrawn: it ran out of funds and is being closed. Create a new deployment " +
      "with a larger deposit, and top up long-running deployments in time.",
  },
  {
    test: /account closed/,
    code: "invalid-state",
    message: () => "The deployment's escrow account is closed; deposits are no longer possible.",
  },
  {
    // The ante handler names both accounts: say which allowance is missing, expired or used up.
    test: /(akash1[0-9a-z]+) does not allow to pay fees for (akash1[0-9a-z]+)/,
    code: "fee-allowance-unavailable",
    message: (m, inner) =>
      `The fee allowance from ${m[1]} to ${m[2]} cannot pay this fee: ${
        /not found/.test(inner)
          ? "there is none (never granted or revoked)"
          : /expired/.test(inner)
            ? "it has expired"
            : /exceed|limit/.test(inner)
              ? "its spend limit is used up"
              : "it was refused"
      }. Ask ${m[1]} to grant or renew it (akash_fee_allowance), or pay fees from your own AKT.`,
  },
  {
    test: /does not allow to pay fees|fee-grant not found|fee allowance expired|basic allowance/,
    code: "fee-allowance-unavailable",
    message: () =>
      "The fee grant cannot pay this fee (missing, expired or its spend limit is exhausted). Ask the granter to " +
      "renew the fee allowance or pay fees from your own AKT.",
  },
  {
    test: /authorization not found|authorization expired|empty scope: invalid authz scope/,
    code: "grant-unavailable",
    message: () =>
      "The deposit authorization is missing, expired or does not cover this scope. Ask the granter to (re-)grant it.",
  },
  {
    // oracle.v2 ErrPriceStalled: MsgMintACT and the BME Status query both fail while the AKT price is stale.
    test: /price stalled/,
    code: "mint-unavailable",
    message: () =>
      'ACT minting is paused: the chain\'s oracle has no fresh AKT price (oracle.v2 "price stalled"), so the BME ' +
      "can neither convert AKT nor report its status. Nothing was burnt. Retry once the oracle reports prices " +
      "again (its aggregated AKT price turns healthy), or fund the deposit with ACT you already hold or from a " +
      "deposit authorization.",
  },
  {
    test: /circuit breaker is active|oracle is unhealthy|oracle price is zero|insufficient vault funds/,
    code: "mint-unavailable",
    message: (_m, inner) =>
      `ACT minting is currently paused by the chain (${inner.split(":")[0]}). Try again later or fund with a deposit grant.`,
  },
  {
    test: /minimum mint amount is not met/,
    code: "mint-unavailable",
    message: () =>
      "The mint amount is below the chain's minimum mint (min_mint, 10 ACT by default). Mint more.",
  },
  {
    test: /certificate exists/,
    code: "already-exists",
    message: () => "A certificate with this serial already exists for the owner.",
  },
  {
    test: /CommonName does not match owner/,
    code: "invalid-request",
    message: () => "The certificate's subject CN must be the owner's address.",
  },
  {
    test: /out of gas/,
    code: "out-of-gas",
    message: () => "The transaction ran out of gas. Raise `gas_adjustment` in the provider block.",
  },
  {
    test: /signature verification failed/,
    code: "unauthorized",
    message: () =>
      "The chain rejected the signature. Check that `chain_id` matches the node and that the mnemonic is right.",
  },
  {
    test: /unable to resolve type URL|no message handler found/,
    code: "invalid-request",
    message: () =>
      "The node does not support this message type; it probably runs an older or newer Akash version than this " +
      "provider supports.",
  },
];

/** A readable, actionable ChainError for a failed transaction or query. */
export function translateChainFailure(failure: RawChainFailure, txHash?: string): ChainError {
  const inner = innerLog(failure.log);
  for (const rule of RULES) {
    const m = rule.test.exec(inner) ?? rule.test.exec(failure.log);
    if (m) return new ChainError(rule.code, rule.message(m, inner), failure.log, txHash);
  }
  if (failure.code === 22 && failure.codespace === "sdk") {
    return new ChainError("not-found", `Not found on chain: ${inner}`, failure.log, txHash);
  }
  return new ChainError(
    "unknown",
    `The chain rejected the request: ${inner || `code ${failure.code} (${failure.codespace})`}`,
    failure.log,
    txHash,
  );
}
