/**
 * Deployment sequence numbers are chosen by the client and must be unique per owner. Like Console, we use the
 * epoch time in milliseconds, made strictly increasing within the process so that a parallel apply (all creates
 * run in one provider process) never picks the same dseq twice.
 */
let last = 0n;

export function nextDseq(now: number = Date.now()): bigint {
  const candidate = BigInt(now);
  last = candidate > last ? candidate : last + 1n;
  return last;
}
