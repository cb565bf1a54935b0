/**
 * Tx decoding as the SDK's decoder does it (x/auth/tx/decoder.go): ADR-027 TxRaw, no unknown fields in TxRaw or
 * AuthInfo, only non-critical unknown fields in TxBody, and every message type URL must resolve.
 */
import { sha256 } from "@noble/hashes/sha2";
import { AuthInfo, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { sdkError } from "../errors";
import type { ChainError, MsgHandler } from "../module";
import { scanFields, unknownFieldText, WireFormatError, type WireField } from "./wire";

export interface DecodedMsg {
  typeUrl: string;
  msg: unknown;
  handler: MsgHandler<unknown>;
}

export interface DecodedTx {
  bytes: Uint8Array;
  hash: Uint8Array;
  bodyBytes: Uint8Array;
  authInfoBytes: Uint8Array;
  signatures: Uint8Array[];
  body: TxBody;
  authInfo: AuthInfo;
  msgs: DecodedMsg[];
}

export type HandlerLookup = (typeUrl: string) => MsgHandler<unknown> | undefined;

function parseError(text: string): ChainError {
  // runTx wraps the decoder's ErrTxDecode once more, hence the doubled suffix.
  return sdkError(2, `${text}: tx parse error`);
}

function rejectUnknown(
  goType: string,
  fields: WireField[],
  known: Set<number>,
  allowNonCritical: boolean,
): void {
  for (const field of fields) {
    if (known.has(field.fieldNumber)) continue;
    // Field numbers with bit 11 (1024) set are "non-critical" and may be ignored (ADR-020).
    if (allowNonCritical && (field.fieldNumber & 0x400) !== 0) continue;
    throw parseError(unknownFieldText(goType, field));
  }
}

function readTxRaw(bytes: Uint8Array): {
  bodyBytes: Uint8Array;
  authInfoBytes: Uint8Array;
  signatures: Uint8Array[];
} {
  let fields: WireField[];
  try {
    fields = scanFields(bytes);
  } catch (e) {
    throw parseError(`txRaw must follow ADR-027: ${(e as Error).message}`);
  }
  let previous = 0;
  for (const field of fields) {
    if (field.fieldNumber < previous) {
      throw parseError(`txRaw must follow ADR-027, got tag ${field.fieldNumber} after tag ${previous}`);
    }
    if (field.fieldNumber > 3 || field.wireType !== 2) throw parseError(unknownFieldText("*tx.TxRaw", field));
    previous = field.fieldNumber;
  }
  // Fields are length-delimited bytes; re-walk to slice them out.
  let pos = 0;
  let bodyBytes: Uint8Array = new Uint8Array();
  let authInfoBytes: Uint8Array = new Uint8Array();
  const signatures: Uint8Array[] = [];
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[pos++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    const length = varint();
    const value = bytes.subarray(pos, pos + length);
    pos += length;
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 1) bodyBytes = value;
    else if (fieldNumber === 2) authInfoBytes = value;
    else signatures.push(value);
  }
  return { bodyBytes, authInfoBytes, signatures };
}

const TX_BODY_FIELDS = new Set([1, 2, 3, 4, 5, 1023, 2047]);
const AUTH_INFO_FIELDS = new Set([1, 2, 3]);

export function decodeTx(bytes: Uint8Array, lookup: HandlerLookup): DecodedTx {
  if (bytes.length === 0) throw parseError("tx bytes are empty");
  const { bodyBytes, authInfoBytes, signatures } = readTxRaw(bytes);
  let body: TxBody;
  let authInfo: AuthInfo;
  try {
    rejectUnknown("*tx.TxBody", scanFields(bodyBytes), TX_BODY_FIELDS, true);
    rejectUnknown("*tx.AuthInfo", scanFields(authInfoBytes), AUTH_INFO_FIELDS, false);
    body = TxBody.decode(bodyBytes);
    authInfo = AuthInfo.decode(authInfoBytes);
  } catch (e) {
    if (e instanceof WireFormatError || !(e as ChainError).codespace) throw parseError((e as Error).message);
    throw e;
  }
  const msgs: DecodedMsg[] = body.messages.map((any) => {
    const handler = lookup(any.typeUrl);
    if (!handler) throw parseError(`unable to resolve type URL ${any.typeUrl}`);
    let msg: unknown;
    try {
      msg = handler.decode(any.value);
    } catch (e) {
      throw parseError(`unable to decode ${any.typeUrl}: ${(e as Error).message}`);
    }
    return { typeUrl: any.typeUrl, msg, handler };
  });
  return { bytes, hash: sha256(bytes), bodyBytes, authInfoBytes, signatures, body, authInfo, msgs };
}
