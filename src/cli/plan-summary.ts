/** The few lines the main job prints about a stack before applying it: what it runs, what it locks, what it costs. */
import { describePrice, inWholeUnits, onMainnet, type BlockTime } from "./cost-estimate";
import type { StackPlan } from "./stack-plan";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export interface PlanSummaryOptions {
  stack: string;
  blockTime: BlockTime;
  /** Add what the same prices would cost on mainnet (for the localnet, whose blocks are faster). */
  compareWithMainnet: boolean;
}

export function planSummary(plan: StackPlan, options: PlanSummaryOptions): string[] {
  const resources = [plural(plan.deployments.length, "deployment"), plural(plan.leases, "lease")];
  for (const [type, count] of Object.entries(plan.others)) resources.push(`${count} × ${type}`);
  const lines = [`${options.stack} is ${resources.join(" + ")}:`];
  for (const deployment of plan.deployments) {
    if (!deployment.services) {
      lines.push(`  ${deployment.name}: services known only at apply time`);
    } else {
      for (const s of deployment.services)
        lines.push(`  ${s.count} × ${s.name} (${s.image}): ${s.resources}`);
    }
    const deposit = deployment.deposit;
    lines.push(
      deposit
        ? `  deposit ${inWholeUnits(deposit.amount.toString(), deposit.denom)} (${deposit.amount} ${deposit.denom}) into escrow, refunded on destroy`
        : "  deposit known only at apply time",
    );
    const max = deployment.maxPricePerBlock;
    if (max) {
      const mainnet = options.compareWithMainnet ? `; ${onMainnet(max.amount, max.denom)}` : "";
      lines.push(`  leases at most ${describePrice(max.amount, max.denom, options.blockTime)}${mainnet}`);
    }
  }
  return lines;
}
