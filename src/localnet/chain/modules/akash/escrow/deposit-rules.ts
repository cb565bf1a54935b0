/** `akash.base.deposit.v1.Deposit` source rules (codespace "akash" 4): non-empty, balance/grant only, no repeats. */
import { registered } from "../shared/errors";

const errInvalidSource = (text: string) => registered("akash", 4, `${text}: invalid deposit source`);

export function validateDepositSources(sources: readonly number[]): void {
  if (sources.length === 0) throw errInvalidSource("empty deposit sources");
  const seen = new Set<number>();
  for (const source of sources) {
    if (source !== 1 && source !== 2) throw errInvalidSource(`unsupported deposit source ${source}`);
    if (seen.has(source)) throw errInvalidSource("duplicate deposit source");
    seen.add(source);
  }
}
