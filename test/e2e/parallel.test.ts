/**
 * Twenty deployments with their leases in one `terraform apply -parallelism=20` against the localnet: every
 * operation signs with the same account at the same time, so this is where "account sequence mismatch" would
 * show up. The transaction engine must sequence and batch them: zero sequence errors, every transaction
 * successful, far fewer transactions than messages, and few blocks.
 */
import { startE2eNet, STACK_TRACE, type E2eNet } from "./localnet-terraform";
import { deploymentsWithLeasesTf } from "./deployments-with-leases-tf";
import { webSdl } from "../support/web-sdl";
import { ourTransactions } from "../../scripts/our-transactions.mjs";
import { expectEmptyPlan, inWorkspace } from "./acceptance";

const N = 20;

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 300 });
});

afterAll(async () => {
  await e2e?.stop();
});

test(`${N} deployments with leases at -parallelism=${N}: no sequence error, batched transactions`, async () => {
  const dir = await e2e.workspace(deploymentsWithLeasesTf(N), {
    "deploy.yaml": webSdl({ image: "nginx:parallel" }),
  });
  const apply = await e2e.tf(dir, ["apply", "-auto-approve", `-parallelism=${N}`]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  expect(apply.stdout).toContain(`Resources: ${2 * N} added, 0 changed, 0 destroyed.`);
  expect(apply.stdout + apply.stderr).not.toMatch(/account sequence|sequence mismatch/i);
  await expectEmptyPlan(inWorkspace(e2e, dir));

  e2e.chain.invalidate();
  const owner = e2e.net.address;
  const deployments = await e2e.chain.deployments(owner, { state: "active" });
  const leases = await e2e.chain.leases(owner, { state: "active" });
  expect(deployments).toHaveLength(N);
  expect(leases).toHaveLength(N);
  expect(new Set(leases.map((l) => l.id.dseq))).toEqual(new Set(deployments.map((d) => d.id.dseq)));

  const txs = await ourTransactions(e2e.net.node, e2e.net.address);
  const creates = txs.filter((t) => t.actions.some((a) => a.endsWith("MsgCreateDeployment")));
  const leasing = txs.filter((t) => t.actions.some((a) => a.endsWith("MsgCreateLease")));
  const messages = txs.reduce((n, t) => n + t.actions.length, 0);
  const blocks = new Set(txs.map((t) => t.height));
  // One line for the record (the benchmark reports the same numbers at 1 s blocks).
  console.log(
    `parallel apply: ${txs.length} txs for ${messages} messages in ${blocks.size} blocks ` +
      `(create-deployment txs ${creates.length}, create-lease txs ${leasing.length})`,
  );
  expect(txs.every((t) => t.code === 0)).toBe(true);
  expect(messages).toBe(2 * N);
  // Batching: concurrent operations share transactions.
  expect(creates.length).toBeLessThanOrEqual(3);
  expect(txs.length).toBeLessThanOrEqual(N / 2);

  const destroy = await e2e.tf(dir, ["destroy", "-auto-approve", `-parallelism=${N}`]);
  expect(destroy.code).toBe(0);
  expect(destroy.stdout + destroy.stderr).not.toMatch(/account sequence|sequence mismatch/i);
  expect(destroy.stderr).not.toMatch(STACK_TRACE);
  e2e.chain.invalidate();
  expect(await e2e.chain.deployments(owner, { state: "active" })).toEqual([]);
  const closing = (await ourTransactions(e2e.net.node, e2e.net.address)).slice(txs.length);
  expect(closing.every((t) => t.code === 0)).toBe(true);
});
