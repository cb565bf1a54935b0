/**
 * The ante chain Akash wires (node app/ante.go), in the SDK's order: gas/validate-basic, timeout height, memo, tx
 * size, fee (min gas price in CheckTx only, fee grants), pubkeys, signature count and gas, sequence + signature
 * verification, sequence increment. Each step raises the SDK's error text.
 */
import { toBase64 } from "@cosmjs/encoding";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { addressFromSecp256k1, isAddress } from "../address";
import { formatCoins, parseCoins, validateCoins } from "../coins";
import type { CoreContext } from "../context";
import { sdkError } from "../errors";
import { event } from "../events";
import { GAS_COSTS } from "../gas";
import type { ChainError } from "../module";
import { AUTH_PARAMS } from "../modules/cosmos/auth";
import { FeegrantKeeper } from "../modules/cosmos/feegrant-keeper";
import type { DecodedTx } from "./decode";
import { verifySecp256k1 as verify } from "./secp256k1-verify";
import { aminoSignBytes, directSignBytes, SIGN_MODE_DIRECT, SIGN_MODE_LEGACY_AMINO_JSON } from "./sign-bytes";

export type ExecMode = "check" | "recheck" | "simulate" | "deliver";

/** Node default `minimum-gas-prices` (akash init): 0.0025uakt, i.e. 25 / 10000 per gas. */
export const MIN_GAS_PRICE = { denom: "uakt", numerator: 25n, denominator: 10000n } as const;
const MAX_GAS_WANTED = (1n << 63n) - 1n;
/** Amino-encoded size of a simulated StdSignature (64-byte sig + 33-byte key + framing), per ConsumeTxSize. */
const SIMULATED_SIGNATURE_BYTES = 107;

export interface AnteOptions {
  mode: ExecMode;
  chainId: string;
  /** Skip signature checks while replaying the block log: the chain verified these txs when it made the blocks. */
  trustSignatures: boolean;
}

/** Every address that must sign, in the SDK's order (msg signers, then an explicit fee payer). */
export function signersOf(tx: DecodedTx): string[] {
  const seen = new Set<string>();
  const signers: string[] = [];
  for (const m of tx.msgs) {
    for (const s of m.handler.signers(m.msg)) {
      if (!seen.has(s)) {
        seen.add(s);
        signers.push(s);
      }
    }
  }
  const payer = tx.authInfo.fee?.payer;
  if (payer && !seen.has(payer)) signers.push(payer);
  return signers;
}

function secp256k1Key(any: { typeUrl: string; value: Uint8Array } | undefined): Uint8Array | undefined {
  if (!any) return undefined;
  if (any.typeUrl !== "/cosmos.crypto.secp256k1.PubKey") {
    throw sdkError(
      8,
      `unsupported public key type ${any.typeUrl}; only secp256k1 keys are supported on localnet`,
    );
  }
  const key = PubKey.decode(any.value).key;
  if (key.length !== 33) throw sdkError(8, `invalid secp256k1 public key length ${key.length}`);
  return key;
}

export function runAnte(ctx: CoreContext, tx: DecodedTx, signers: string[], opts: AnteOptions): void {
  const simulate = opts.mode === "simulate";
  // ValidateBasicDecorator (skipped on ReCheck).
  if (opts.mode !== "recheck") validateBasic(tx, signers);
  checkTimeoutHeight(ctx, tx);
  checkMemo(tx);
  consumeTxSizeGas(ctx, tx, signers, simulate);
  deductFee(ctx, tx, signers, opts.mode);
  const pubkeys = setPubKeys(ctx, tx, signers, simulate);

  // ValidateSigCountDecorator.
  if (signers.length > AUTH_PARAMS.txSigLimit) {
    throw sdkError(14, `signatures: ${signers.length}, limit: ${AUTH_PARAMS.txSigLimit}`);
  }

  // SigGasConsumeDecorator.
  for (let i = 0; i < signers.length; i++)
    ctx.gas.consume(GAS_COSTS.secp256k1VerifyCost, "ante verify: secp256k1");

  verifySignatures(ctx, tx, { signers, pubkeys }, opts);

  // IncrementSequenceDecorator.
  for (const signer of signers) {
    const account = ctx.auth.account(signer)!;
    ctx.auth.setAccount({ ...account, sequence: account.sequence + 1n });
  }
}

/** ValidateBasicDecorator: gas limit, fee coins and payer, and one signature and signer info per signer. */
function validateBasic(tx: DecodedTx, signers: string[]): void {
  const fee = tx.authInfo.fee;
  const gasLimit = fee?.gasLimit ?? 0n;
  const signerInfos = tx.authInfo.signerInfos;
  if (gasLimit > MAX_GAS_WANTED) throw sdkError(18, `invalid gas supplied; ${gasLimit} > ${MAX_GAS_WANTED}`);
  const feeCoins = parseCoins(fee?.amount ?? []);
  validateCoins(feeCoins, true);
  if (fee?.payer && !isAddress(fee.payer)) throw sdkError(7, `Invalid fee payer address (${fee.payer})`);
  if (tx.signatures.length === 0) throw sdkError(15);
  if (tx.signatures.length !== signers.length) {
    throw sdkError(4, `wrong number of signers; expected ${signers.length}, got ${tx.signatures.length}`);
  }
  if (signerInfos.length !== signers.length) {
    throw sdkError(4, `wrong number of signer info; expected ${signers.length}, got ${signerInfos.length}`);
  }
}

/** TxTimeoutHeightDecorator. */
function checkTimeoutHeight(ctx: CoreContext, tx: DecodedTx): void {
  const timeoutHeight = tx.body.timeoutHeight;
  if (timeoutHeight > 0n && ctx.height > timeoutHeight) {
    throw sdkError(30, `block height: ${ctx.height}, timeout height: ${timeoutHeight}`);
  }
}

/** ValidateMemoDecorator (Go's len() counts bytes). */
function checkMemo(tx: DecodedTx): void {
  const memoLength = new TextEncoder().encode(tx.body.memo).length;
  if (memoLength > AUTH_PARAMS.maxMemoCharacters) {
    throw sdkError(
      12,
      `maximum number of characters is ${AUTH_PARAMS.maxMemoCharacters} but received ${memoLength} characters`,
    );
  }
}

/** ConsumeGasForTxSizeDecorator; a simulation adds the size of the signatures it lacks. */
function consumeTxSizeGas(ctx: CoreContext, tx: DecodedTx, signers: string[], simulate: boolean): void {
  ctx.gas.consume(GAS_COSTS.txSizeCostPerByte * tx.bytes.length, "txSize");
  if (simulate) {
    for (let i = 0; i < signers.length; i++) {
      if ((tx.signatures[i]?.length ?? 0) === 0) {
        ctx.gas.consume(GAS_COSTS.txSizeCostPerByte * (SIMULATED_SIGNATURE_BYTES + 6), "txSize");
      }
    }
  }
}

/**
 * DeductFeeDecorator: the minimum gas price (CheckTx only), a fee grant when the tx names a granter, then the fee
 * moves to the fee collector.
 */
function deductFee(ctx: CoreContext, tx: DecodedTx, signers: string[], mode: ExecMode): void {
  const simulate = mode === "simulate";
  const fee = tx.authInfo.fee;
  const gasLimit = fee?.gasLimit ?? 0n;
  const feeCoins = parseCoins(fee?.amount ?? []);
  if (!simulate && gasLimit === 0n) throw sdkError(41, "must provide positive gas");
  if (mode === "check") {
    const required =
      (MIN_GAS_PRICE.numerator * gasLimit + MIN_GAS_PRICE.denominator - 1n) / MIN_GAS_PRICE.denominator;
    const offered = feeCoins.find((c) => c.denom === MIN_GAS_PRICE.denom)?.amount ?? 0n;
    if (required > 0n && offered < required) {
      throw sdkError(
        13,
        `insufficient fees; got: ${formatCoins(feeCoins)} required: ${required}${MIN_GAS_PRICE.denom}`,
      );
    }
  }
  const payer = fee?.payer || signers[0]!;
  let deductFrom = payer;
  const granter = fee?.granter ?? "";
  if (granter !== "") {
    if (granter !== payer) {
      new FeegrantKeeper(ctx.storeOf("feegrant"), ctx.emit).useGrantedFees(
        granter,
        payer,
        feeCoins,
        tx.msgs.map((m) => m.typeUrl),
        ctx.time,
      );
    }
    deductFrom = granter;
  }
  if (!ctx.auth.exists(deductFrom)) throw sdkError(9, `fee payer address: ${deductFrom} does not exist`);
  if (feeCoins.some((c) => c.amount > 0n)) {
    try {
      ctx.bank.sendToModule(deductFrom, "fee_collector", feeCoins);
    } catch (e) {
      const err = e as ChainError;
      if (err.codespace === "sdk" && err.code === 5) throw sdkError(5, err.log);
      throw e;
    }
  } else if (simulate) chargeSimulatedFeeDeduction(ctx, deductFrom);
  ctx.emit(event("tx", { fee: formatCoins(feeCoins), fee_payer: deductFrom }));
}

/** SetPubKeyDecorator: each signer's key (stored, or offered by the tx and matching the address), and its events. */
function setPubKeys(
  ctx: CoreContext,
  tx: DecodedTx,
  signers: string[],
  simulate: boolean,
): (Uint8Array | undefined)[] {
  const signerInfos = tx.authInfo.signerInfos;
  const pubkeys: (Uint8Array | undefined)[] = [];
  for (let i = 0; i < signers.length; i++) {
    const signer = signers[i]!;
    const account = ctx.auth.account(signer);
    if (!account) throw sdkError(9, `account ${signer} does not exist`);
    const offered = secp256k1Key(signerInfos[i]?.publicKey);
    if (account.pubkey) {
      pubkeys.push(account.pubkey);
      continue;
    }
    if (!offered) {
      if (simulate) {
        pubkeys.push(undefined);
        continue;
      }
      throw sdkError(8, `pubkey on signer ${signer} is not set`);
    }
    if (addressFromSecp256k1(offered) !== signer) {
      throw sdkError(8, `pubKey does not match signer address ${signer} with signer index: ${i}`);
    }
    ctx.auth.setAccount({ ...account, pubkey: offered });
    pubkeys.push(offered);
  }
  for (let i = 0; i < signers.length; i++) {
    const sequence = signerInfos[i]?.sequence ?? 0n;
    ctx.emit(event("tx", { acc_seq: `${signers[i]}/${sequence}` }));
    ctx.emit(event("tx", { signature: toBase64(tx.signatures[i] ?? new Uint8Array()) }));
  }
  return pubkeys;
}

/** SigVerificationDecorator: sequences always; signatures unless simulating, rechecking or replaying. */
function verifySignatures(
  ctx: CoreContext,
  tx: DecodedTx,
  keys: { signers: string[]; pubkeys: (Uint8Array | undefined)[] },
  opts: AnteOptions,
): void {
  const { signers, pubkeys } = keys;
  const simulate = opts.mode === "simulate";
  const signerInfos = tx.authInfo.signerInfos;
  for (let i = 0; i < signers.length; i++) {
    const signer = signers[i]!;
    const account = ctx.auth.account(signer);
    if (!account) throw sdkError(9, `account ${signer} does not exist`);
    const info = signerInfos[i];
    const sequence = info?.sequence ?? 0n;
    if (sequence !== account.sequence) {
      throw sdkError(32, `account sequence mismatch, expected ${account.sequence}, got ${sequence}`);
    }
    if (simulate || opts.mode === "recheck" || opts.trustSignatures) continue;
    const accountNumber = ctx.height === 0n ? 0n : account.number;
    const mode = info?.modeInfo?.single?.mode ?? -1;
    const signature = tx.signatures[i]!;
    const pubkey = pubkeys[i]!;
    if (mode === SIGN_MODE_LEGACY_AMINO_JSON) {
      const ok = verify(signature, aminoSignBytes(tx, opts.chainId, accountNumber, sequence), pubkey);
      if (!ok) {
        throw sdkError(
          4,
          `signature verification failed; please verify account number (${accountNumber}), sequence (${sequence}) and chain-id (${opts.chainId})`,
        );
      }
    } else {
      const ok =
        mode === SIGN_MODE_DIRECT &&
        verify(signature, directSignBytes(tx, opts.chainId, accountNumber), pubkey);
      if (!ok) {
        throw sdkError(
          4,
          `signature verification failed; please verify account number (${accountNumber}) and chain-id (${opts.chainId}): (unable to verify single signer signature)`,
        );
      }
    }
  }
}

/**
 * cosmjs simulates with an empty fee, so the fee transfer's store gas would be missing from the estimate and a
 * tx sent with simulate × 1.3 could run out of gas in FinalizeBlock. Moving 1uakt to the fee collector and back on
 * the (throwaway) simulate state charges at least that cost.
 */
function chargeSimulatedFeeDeduction(ctx: CoreContext, payer: string): void {
  const nominal = [{ denom: MIN_GAS_PRICE.denom, amount: 1n }];
  try {
    ctx.bank.sendToModule(payer, "fee_collector", nominal);
    ctx.bank.sendFromModule("fee_collector", payer, nominal);
  } catch (e) {
    if ((e as ChainError).codespace === undefined) throw e;
  }
}
