/** After a broadcast whose answer was lost: what became of it, found out without ever sending it twice. */
import { ChainError } from "../../ports/errors";
import { sleep } from "../../ports/sleep";
import type { BroadcastParams, IncludedTx, TxTransport } from "./tx-transport";

export interface Unsettled {
  params: BroadcastParams;
  /** Every transaction sent at this sequence for this batch. */
  hashes: string[];
  reason: string;
}

export type SettleOutcome =
  | { kind: "included"; tx: IncludedTx }
  | { kind: "superseded"; sequence: bigint }
  | { kind: "absent" }
  | { kind: "unknown" };

export interface SettleTiming {
  inclusionTimeoutMs: number;
  pollIntervalMs: number;
  /** Blocks to wait (sequence unchanged, not found) before the same sequence may be sent again. */
  unknownOutcomeBlocks: number;
}

/**
 * Finds out what became of a broadcast whose answer was lost: included (found by hash), superseded (the
 * sequence moved on without it), absent (not in a block after a few blocks, sequence unchanged: the same
 * sequence may be sent again) or unknown (the chain could not be asked).
 */
export async function settleLostBroadcast(
  transport: TxTransport,
  unsettled: Unsettled,
  timing: SettleTiming,
  /** True once every message of the batch was settled otherwise (aborted): nothing left to find out. */
  abandoned: () => boolean,
): Promise<SettleOutcome> {
  const { sequence } = unsettled.params;
  const deadline = Date.now() + timing.inclusionTimeoutMs;
  const start = await transport.latestHeight().catch(() => undefined);
  let movedSeen = false;
  for (;;) {
    if (abandoned()) return { kind: "unknown" };
    await sleep(timing.pollIntervalMs);
    let lookupsAnswered = true;
    for (const hash of unsettled.hashes) {
      try {
        const tx = await transport.findTx(hash);
        if (tx) return { kind: "included", tx };
      } catch (error) {
        if (error instanceof ChainError && error.code === "invalid-request") return { kind: "unknown" };
        lookupsAnswered = false;
      }
    }
    const account = await transport.fetchAccount().catch(() => undefined);
    const height = await transport.latestHeight().catch(() => undefined);
    if (lookupsAnswered && account && account.sequence > sequence) {
      // The block that moved the sequence may not be indexed yet: look once more before concluding.
      if (movedSeen) return { kind: "superseded", sequence: account.sequence };
      movedSeen = true;
      continue;
    }
    const waitedBlocks =
      start !== undefined && height !== undefined && height >= start + BigInt(timing.unknownOutcomeBlocks);
    if (lookupsAnswered && account && account.sequence <= sequence && waitedBlocks) return { kind: "absent" };
    if (Date.now() >= deadline) return { kind: "unknown" };
  }
}
