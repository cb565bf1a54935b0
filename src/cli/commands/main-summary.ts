/**
 * What the main job prints at the end: where the service answers, who runs it, what it costs and how long the
 * escrow lasts. Outputs come from the stack's terraform state; cost and runway are read live from the chain.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { toFixed18, fromFixed18, escrowRunway, formatDuration } from "../../domain/escrow-runway";
import { CompositionRoot } from "../../provider/composition-root";
import { resolveProviderSettings } from "../../provider/config";
import type { CommandIO } from "../io";

const SECONDS_PER_MONTH = 30 * 24 * 3600;

interface StackOutputs {
  uris?: string[];
  provider?: string;
  price?: string;
  dseq?: string;
  owner?: string;
}

/** cdktf keeps the stack's local state next to the app as terraform.<stack>.tfstate. */
function readOutputs(stackDir: string): StackOutputs {
  const appDir = dirname(dirname(dirname(stackDir)));
  const stateFile = readdirSync(appDir).find((f) => /^terraform\..+\.tfstate$/.test(f));
  if (!stateFile) return {};
  const state = JSON.parse(readFileSync(join(appDir, stateFile), "utf8")) as {
    outputs?: Record<string, { value: unknown }>;
  };
  const out: Record<string, unknown> = {};
  for (const [name, { value }] of Object.entries(state.outputs ?? {})) out[name] = value;
  return out as StackOutputs;
}

export async function printDeploymentSummary(stackDir: string, node: string, io: CommandIO): Promise<void> {
  const outputs = readOutputs(stackDir);
  io.stdout("");
  io.stdout("hello-world is deployed:");
  for (const uri of outputs.uris ?? []) io.stdout(`  service URL   http://${uri}`);
  if (outputs.provider) io.stdout(`  provider      ${outputs.provider}`);
  if (!outputs.price || !outputs.dseq || !outputs.owner) return;
  const denom = outputs.price.replace(/^[\d.]+/, "");
  const perBlock = outputs.price.slice(0, outputs.price.length - denom.length);
  const ports = new CompositionRoot(process.env).portsFor(resolveProviderSettings({ node }, {}));
  const chain = await ports.chain();
  try {
    const blockSeconds = await chain.averageBlockSeconds();
    // micro-denom per block × blocks per month, shown in whole units (uact → ACT) with two decimals.
    const perMonth = (toFixed18(perBlock) * BigInt(Math.round(SECONDS_PER_MONTH / blockSeconds))) / 10n ** 6n;
    const whole = fromFixed18(perMonth).replace(/(\.\d{2})\d+$/, "$1");
    const unit = denom.replace(/^u/, "").toUpperCase();
    io.stdout(
      `  price         ${perBlock} ${denom}/block ≈ ${whole} ${unit}/month at ${blockSeconds} s/block`,
    );
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
          : formatDuration(Number(runway.blocksLeft) * blockSeconds);
      io.stdout(`  escrow        ${runway.balance} ${denom} left, runway ${left}`);
    }
    io.stdout(`  deployment    ${outputs.owner}/${outputs.dseq}`);
  } finally {
    await chain.close();
  }
}
