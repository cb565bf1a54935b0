/** What a signer signs: SIGN_MODE_DIRECT's SignDoc and LEGACY_AMINO_JSON's sorted StdSignDoc. */
import { serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { SignDoc } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { DecodedTx } from "./decode";

export const SIGN_MODE_UNSPECIFIED = 0;
export const SIGN_MODE_DIRECT = 1;
export const SIGN_MODE_LEGACY_AMINO_JSON = 127;

export function directSignBytes(tx: DecodedTx, chainId: string, accountNumber: bigint): Uint8Array {
  return SignDoc.encode({
    bodyBytes: tx.bodyBytes,
    authInfoBytes: tx.authInfoBytes,
    chainId,
    accountNumber,
  }).finish();
}

export function aminoSignBytes(
  tx: DecodedTx,
  chainId: string,
  accountNumber: bigint,
  sequence: bigint,
): Uint8Array {
  const fee = tx.authInfo.fee;
  const doc: StdSignDoc = {
    chain_id: chainId,
    account_number: accountNumber.toString(),
    sequence: sequence.toString(),
    fee: {
      amount: (fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: c.amount })),
      gas: (fee?.gasLimit ?? 0n).toString(),
      ...(fee?.granter ? { granter: fee.granter } : {}),
      ...(fee?.payer ? { payer: fee.payer } : {}),
    },
    msgs: tx.msgs.map((m) => m.handler.toAmino(m.msg)),
    memo: tx.body.memo,
    ...(tx.body.timeoutHeight > 0n ? { timeout_height: tx.body.timeoutHeight.toString() } : {}),
  };
  return serializeSignDoc(doc);
}
