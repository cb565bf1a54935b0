/** What the transaction engine logs of a transaction: never a payload, only what identifies it and its cost. */
import type { EncodedMessage } from "./messages";
import type { BroadcastParams, IncludedTx } from "./tx-transport";

/**
 * The log fields of a transaction: its messages (count, types, what each is about: one transaction may carry
 * several resources' messages), sequence, gas and fee.
 */
export function describeBatch(messages: EncodedMessage[], params: BroadcastParams) {
  const types = new Map<string, number>();
  for (const m of messages) types.set(m.typeUrl, (types.get(m.typeUrl) ?? 0) + 1);
  const subjects = messages.flatMap((m) => (m.subject ? [m.subject] : []));
  return {
    messages: messages.length,
    msg_types: [...types].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(", "),
    ...(subjects.length > 0 ? { subjects: subjects.join("; ") } : {}),
    sequence: params.sequence,
    gas_limit: params.gasLimit,
    fee: `${params.fee.amount}${params.fee.denom}`,
  };
}

/** The log fields of an included transaction; a failed one adds the chain's error. */
export function describeLanded(included: IncludedTx, messages: number) {
  return {
    tx_hash: included.hash.toUpperCase(),
    height: included.height,
    code: included.code,
    gas_used: included.gasUsed,
    gas_wanted: included.gasWanted,
    messages,
    ...(included.code === 0 ? {} : { codespace: included.codespace, error: included.log.slice(0, 300) }),
  };
}
