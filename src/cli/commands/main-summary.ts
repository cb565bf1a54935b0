/**
 * What the main job prints at the end: where the service answers, who runs it, what it costs and how long the
 * escrow lasts. Outputs come from the stack's terraform state; the escrow is read live from the chain.
 */
import { escrowRunway, formatDuration } from "../../domain/escrow-runway";
import { describePrice, onMainnet, type BlockTime } from "../cost-estimate";
import type { CommandIO } from "../io";
import type { NetworkAccess } from "../network-access";
import { readStackState } from "../stack-state";
import { STACK, type MainWorkspace } from "../workspace";

export interface SummaryOptions {
  blockTime: BlockTime;
  /** The target is the embedded localnet: say what its URLs are and compare prices with mainnet. */
  localnet: boolean;
}

export async function printDeploymentSummary(
  ws: MainWorkspace,
  network: NetworkAccess,
  options: SummaryOptions,
  io: CommandIO,
): Promise<void> {
  const { outputs } = readStackState(ws);
  const { blockTime } = options;
  io.stdout("");
  io.stdout(`${STACK} is deployed:`);
  for (const uri of outputs.uris ?? []) io.stdout(`  service URL   http://${uri}`);
  if (options.localnet && (outputs.uris ?? []).length > 0) {
    io.stdout(
      "                the name the localnet's provider assigned; it does not resolve: the localnet runs",
    );
    io.stdout(
      "                no containers (providers accept the manifest and report the service as running)",
    );
  }
  if (outputs.provider) io.stdout(`  provider      ${outputs.provider}`);
  if (!outputs.price || !outputs.dseq || !outputs.owner) return;
  const denom = outputs.price.replace(/^[\d.]+/, "");
  const perBlock = outputs.price.slice(0, outputs.price.length - denom.length);
  const mainnet = options.localnet ? `; ${onMainnet(perBlock, denom)}` : "";
  io.stdout(`  price         ${describePrice(perBlock, denom, blockTime)}${mainnet}`);
  const chain = await network.queries();
  const dseq = BigInt(outputs.dseq);
  const [deployment, leases, height] = await Promise.all([
    chain.deployment(outputs.owner, dseq),
    chain.leases(outputs.owner, { dseq }),
    chain.latestHeight(),
  ]);
  if (deployment?.escrow) {
    const runway = escrowRunway(deployment.escrow, leases, height, denom);
    const left =
      runway.blocksLeft === undefined
        ? "no active lease"
        : `${formatDuration(Number(runway.blocksLeft) * blockTime.seconds)} at ${blockTime.seconds} s/block`;
    io.stdout(`  escrow        ${runway.balance} ${denom} left, runway ${left}`);
  }
  io.stdout(`  deployment    ${outputs.owner}/${outputs.dseq}`);
}
