/**
 * Deployment sequence numbers are chosen by the client and must be unique per owner. Like Console, we use the
 * epoch time in milliseconds, made strictly increasing within the process so that a parallel apply (all creates
 * run in one provider process) never picks the same dseq twice.
 */
import type { Clock } from "../akash/ports/clock";
import type { DseqSource } from "../akash/ports/akash-ports";

export class DseqSequence implements DseqSource {
  private last = 0n;

  constructor(private readonly clock: Pick<Clock, "now">) {}

  next(): bigint {
    const candidate = BigInt(this.clock.now());
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last;
  }
}
