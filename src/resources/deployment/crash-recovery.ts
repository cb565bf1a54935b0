/**
 * Money safety when terraform dies in the middle of an apply. Terraform only learns about a new deployment when
 * `create` returns, and writes it to the state some time after that; if it is SIGKILLed in between, the
 * deployment stays open on chain (its escrow locked) and the next apply would create a second one.
 *
 * So, before broadcasting MsgCreateDeployment, the create is journaled; a later create (in a new provider process)
 * that finds an entry left behind by a dead process, for a deployment that is active on chain with the same
 * manifest hash, ADOPTS it instead of paying for a second deployment.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Chain, Deployment } from "../../akash/ports/chain";
import type { CreateJournalEntry } from "../../akash/ports/create-journal";
import { toHex } from "../../domain/hex";
import type { Logger } from "../../framework/logger";

/** Blocks after which an entry whose deployment is still not on chain is considered never broadcast. */
export const PENDING_BLOCKS = 5n;

export interface AdoptionRequest {
  owner: string;
  chainId: string;
  /** Manifest version hash, hex. */
  hash: string;
  signal: AbortSignal;
  log: Logger;
}

/**
 * Looks for a deployment an interrupted earlier apply created for the same configuration and manifest, and takes
 * it over. Entries whose deployment never reached the chain (after a few blocks), or was closed since, are
 * removed on the way. Returns the adopted deployment, or undefined when a new one must be created.
 */
export async function adoptAbandonedCreate(
  ports: Pick<AkashPorts, "journal" | "clock">,
  chain: Chain,
  request: AdoptionRequest,
): Promise<Deployment | undefined> {
  const { journal, clock } = ports;
  let candidates = journal.abandoned(request.owner, request.chainId);
  while (candidates.length > 0) {
    // Another run's transactions changed the chain since anything we cached.
    chain.invalidate();
    // Read the height first: "not on chain" below then holds at least up to this height.
    const height = await chain.latestHeight();
    const waiting: CreateJournalEntry[] = [];
    for (const entry of candidates) {
      const deployment = await chain.deployment(entry.owner, BigInt(entry.dseq));
      if (!deployment) {
        // Never broadcast, or still in the mempool of a node: give a broadcast a few blocks to land.
        if (height >= BigInt(entry.height) + PENDING_BLOCKS) journal.forget(entry.owner, entry.dseq);
        else if (entry.hash === request.hash) waiting.push(entry);
      } else if (deployment.state !== "active") {
        journal.forget(entry.owner, entry.dseq); // closed since: nothing left to adopt
      } else if (
        entry.hash === request.hash &&
        toHex(deployment.hash) === entry.hash &&
        journal.claim(entry)
      ) {
        request.log.warn("adopting a deployment created by an interrupted terraform run", {
          owner: entry.owner,
          dseq: entry.dseq,
          interruptedPid: entry.pid,
        });
        return deployment;
      }
    }
    if (waiting.length === 0 || request.signal.aborted) return undefined;
    try {
      await clock.sleep(1000, request.signal);
    } catch {
      return undefined; // cancelled: the caller's own abort check reports it
    }
    candidates = waiting.filter((e) => journal.isAbandoned(e.owner, e.dseq));
  }
  return undefined;
}
