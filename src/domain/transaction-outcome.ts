/** What a failed submit says about whether its transaction may still be on chain. */
import { isChainError } from "../akash/ports/errors";

/**
 * Whether a failed submit may still have put the transaction on chain: the node was unreachable (the broadcast
 * may have arrived before the connection broke), we stopped waiting, or the failure is not one the chain gave.
 */
export function outcomeUnknown(error: unknown): boolean {
  return !isChainError(error) || ["unreachable", "timeout", "aborted", "unknown"].includes(error.code);
}
