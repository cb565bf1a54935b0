/**
 * Two hundred deployments with their leases in one `terraform apply`, at terraform's default parallelism and at
 * -parallelism=50, on 500 ms blocks (the localnet scales the providers' 5-minute bid timeout to ~23 s). Leases
 * queue behind terraform's parallelism slots, so late ones find their order's bids withdrawn: they must still
 * get a lease (a new order, or the next bid), every lease active on chain, exactly one per deployment.
 *
 * Measured on a shared 2-core machine at load 5-7: 196 s and 54 s for the two applies, 5.5 minutes for the file
 * (most leases at the default parallelism get a replaced order: they start long after the bids expired).
 */
import { startE2eNet, stateResources, STACK_TRACE, type E2eNet } from "./localnet-terraform";
import { deploymentsWithLeasesTf } from "./deployments-with-leases-tf";
import { webSdl } from "../support/web-sdl";

const N = 200;
const BLOCK_MS = 500;
/** One apply and one destroy of 200 pairs on a loaded 2-core machine. */
const PER_TEST_MS = 8 * 60_000;

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: BLOCK_MS });
});

afterAll(async () => {
  await e2e?.stop();
});

async function applyAndDestroy(parallelism: string[]): Promise<void> {
  // The default bid wait and collect window.
  const dir = await e2e.workspace(deploymentsWithLeasesTf(N, null), {
    "deploy.yaml": webSdl({ image: "nginx:scale" }),
  });
  e2e.chain.invalidate();
  const firstHeight = await e2e.chain.latestHeight();
  e2e.net.resetStats();
  const started = Date.now();
  const apply = await e2e.tf(dir, ["apply", "-auto-approve", ...parallelism]);
  const applySeconds = (Date.now() - started) / 1000;
  // The provider's chain requests during the apply, read before this test's own queries add to them.
  const requests = e2e.net.stats();
  const blocks = Number((await e2e.chain.latestHeight()) - firstHeight) + 1;
  const bidQueries = requests.abciQueryPaths["/akash.market.v1beta5.Query/Bids"] ?? 0;
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  expect(apply.stdout).toContain(`Resources: ${2 * N} added, 0 changed, 0 destroyed.`);

  e2e.chain.invalidate();
  const owner = e2e.net.address;
  const deployments = await e2e.chain.deployments(owner, { state: "active" });
  const leases = (await e2e.chain.leases(owner)).filter((l) => l.state !== "closed");
  expect(deployments).toHaveLength(N);
  expect(leases).toHaveLength(N);
  expect(leases.every((l) => l.state === "active")).toBe(true);
  // One lease per deployment.
  expect(new Set(leases.map((l) => l.id.dseq))).toEqual(new Set(deployments.map((d) => d.id.dseq)));
  // The state names each lease as the chain does: on a replaced order, its new oseq.
  const onChain = new Set(
    leases.map((l) => `${l.id.owner}/${l.id.dseq}/${l.id.gseq}/${l.id.oseq}/${l.id.provider}`),
  );
  const inState = (await stateResources(e2e, dir))
    .filter((r) => r.address.startsWith("akash_lease."))
    .map((r) => r.values.id);
  expect(new Set(inState)).toEqual(onChain);
  const reopened = leases.filter((l) => l.id.oseq > 1).length;
  console.log(
    `scale apply ${parallelism.join(" ") || "(default parallelism)"}: ${N} pairs in ${applySeconds.toFixed(0)} s ` +
      `over ${blocks} blocks, ${(requests.total / N).toFixed(1)} chain requests per lease ` +
      `(${bidQueries} bid queries), ${reopened} leases on a replaced order`,
  );
  // Bid polling is shared: about one bids query per block for all waiting leases, plus each lease's first look
  // at its order's history. One loop per lease (a query per second each) would be many times this.
  expect(bidQueries).toBeLessThanOrEqual(2 * N + 2 * blocks);

  // Destroying is not what this measures: at -parallelism=50 it takes a fraction of the time.
  const destroy = await e2e.tf(dir, ["destroy", "-auto-approve", "-parallelism=50"]);
  expect(destroy.stderr).not.toMatch(STACK_TRACE);
  expect(destroy.code).toBe(0);
  e2e.chain.invalidate();
  expect(await e2e.chain.deployments(owner, { state: "active" })).toEqual([]);
  expect(await e2e.chain.leases(owner, { state: "active" })).toEqual([]);
}

test(
  `${N} deployments with leases at the default parallelism: all leased, one lease each`,
  () => applyAndDestroy([]),
  PER_TEST_MS,
);

test(
  `${N} deployments with leases at -parallelism=50: all leased, one lease each`,
  () => applyAndDestroy(["-parallelism=50"]),
  PER_TEST_MS,
);
