/** Plan-time checks that ask the chain: what it would refuse at apply, after money moved, is said at plan. */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Coin } from "../../akash/ports/chain";
import { formatCoin } from "../../domain/coin-text";
import { formatDuration } from "../../domain/escrow-runway";
import type { Diagnostics } from "../../framework/diagnostics";
import type { CompiledSdl } from "../../sdl";

/**
 * Plan time: the chain refuses a deposit below its minimum (after it was funded, minted for and signed): say so
 * now. A node that cannot be asked now is asked again at apply, where the chain's own answer is the error.
 */
export async function checkMinimumDeposit(
  ports: AkashPorts,
  deposit: Coin,
  diags: Diagnostics,
): Promise<void> {
  let minimums: Coin[];
  try {
    minimums = (await (await ports.chain()).deploymentParams()).minDeposits;
  } catch {
    return;
  }
  const minimum = minimums.find((c) => c.denom === deposit.denom);
  if (!minimum) {
    diags.error(
      "Deposit in a denom the chain does not take",
      `The chain takes deployment deposits in ${minimums.map((c) => c.denom).join(", ")}, not ${deposit.denom}.`,
      ["deposit"],
    );
  } else if (deposit.amount < minimum.amount) {
    diags.error(
      "Deposit below the chain's minimum",
      `The deposit ${formatCoin(deposit)} is below the chain's minimum deployment deposit ${formatCoin(minimum)}; ` +
        `raise it to at least ${formatCoin(minimum)}.`,
      ["deposit"],
    );
  }
}

/** Plan time: the chain refuses a reclamation window outside the market's governance bounds. */
export async function checkReclamationWindow(
  ports: AkashPorts,
  compiled: CompiledSdl,
  diags: Diagnostics,
): Promise<void> {
  const wanted = compiled.reclamation?.minWindowSeconds;
  if (wanted === undefined) return;
  let params: { minReclamationWindowSeconds: number; maxReclamationWindowSeconds: number };
  try {
    params = await (await ports.chain()).marketParams();
  } catch {
    return; // asked again by the chain at apply
  }
  const { minReclamationWindowSeconds: min, maxReclamationWindowSeconds: max } = params;
  if (wanted < min || wanted > max) {
    diags.error(
      "Reclamation window outside the chain's bounds",
      `The SDL's reclamation.min_window is ${formatDuration(wanted)}, but the chain only accepts windows from ` +
        `${formatDuration(min)} to ${formatDuration(max)} (market params). Change reclamation.min_window.`,
      ["sdl"],
    );
  }
}
