/**
 * Comet's tx_search query language, the subset clients use: conditions joined by AND, each `key op value` with
 * `=`, `<`, `<=`, `>`, `>=`, `EXISTS`; keys `tx.hash`, `tx.height` or `<event type>.<attribute key>`.
 */
import { internalError, type ChainNode, type TxRef } from "../node";

interface Condition {
  key: string;
  op: "=" | "<" | "<=" | ">" | ">=" | "EXISTS" | "CONTAINS";
  value: string;
}

const CONDITION =
  /^\s*([\w.\-/]+)\s*(<=|>=|=|<|>|EXISTS|CONTAINS)\s*(?:'([^']*)'|"([^"]*)"|([\w.\-:]+))?\s*$/;

export function parseTxQuery(query: string): Condition[] {
  const parts = query.split(/\s+AND\s+/i).filter((p) => p.trim() !== "");
  if (parts.length === 0) throw internalError("failed to parse query: empty query");
  return parts.map((part) => {
    const m = CONDITION.exec(part);
    if (!m) throw internalError(`failed to parse query: unexpected condition "${part.trim()}"`);
    const op = m[2] as Condition["op"];
    const value = m[3] ?? m[4] ?? m[5] ?? "";
    if (op !== "EXISTS" && value === "" && m[3] === undefined && m[4] === undefined) {
      throw internalError(`failed to parse query: missing value in "${part.trim()}"`);
    }
    return { key: m[1]!, op, value };
  });
}

function compareNumber(actual: number, op: Condition["op"], expected: number): boolean {
  switch (op) {
    case "=":
      return actual === expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    default:
      return false;
  }
}

function matches(node: ChainNode, ref: TxRef, c: Condition): boolean {
  const block = node.blocks[ref.height - 1]!;
  if (c.key === "tx.hash") return block.txHashes[ref.index] === c.value.toUpperCase();
  if (c.key === "tx.height") return compareNumber(ref.height, c.op, Number(c.value));
  const dot = c.key.lastIndexOf(".");
  const type = c.key.slice(0, dot);
  const attr = c.key.slice(dot + 1);
  for (const e of block.results[ref.index]!.events) {
    if (e.type !== type) continue;
    for (const a of e.attributes) {
      if (a.key !== attr) continue;
      if (c.op === "EXISTS") return true;
      if (c.op === "=" && a.value === c.value) return true;
      if (c.op === "CONTAINS" && a.value.includes(c.value)) return true;
      if (c.op !== "=" && c.op !== "CONTAINS" && /^-?\d+(\.\d+)?$/.test(a.value)) {
        if (compareNumber(Number(a.value), c.op, Number(c.value))) return true;
      }
    }
  }
  return false;
}

export function searchTxs(node: ChainNode, conditions: Condition[]): TxRef[] {
  let candidates: TxRef[];
  const byHash = conditions.find((c) => c.key === "tx.hash" && c.op === "=");
  const byEvent = conditions.find((c) => c.op === "=" && c.key !== "tx.hash" && c.key !== "tx.height");
  if (byHash) {
    const ref = node.txRef(byHash.value);
    candidates = ref ? [ref] : [];
  } else if (byEvent) {
    const dot = byEvent.key.lastIndexOf(".");
    candidates = node.txsWithEvent(
      `${byEvent.key.slice(0, dot)}.${byEvent.key.slice(dot + 1)}`,
      byEvent.value,
    );
  } else {
    candidates = node.allTxRefs();
  }
  return candidates.filter((ref) => conditions.every((c) => matches(node, ref, c)));
}
