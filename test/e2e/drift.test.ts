/**
 * Drift: things that happen outside Terraform and that the next plan must notice. A provider closing its lease (the
 * chain pauses the group; the new lease reopens it, the deployment stays), and an escrow running dry (the chain
 * closes the deployment, the lease ends with insufficient funds).
 */
import { localnetKeys } from "../../src/localnet/keys";
import { PROVIDER_MSG_TYPES, TxQueue } from "../../src/localnet/provider/tx-queue";
import { leasesOf, stateOf, startE2eNet, type E2eNet } from "./localnet-terraform";
import { eventually } from "../support/eventually";
import { applyStep, inWorkspace } from "./acceptance";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

// Each step runs terraform several times against a live chain; CI machines are slow and shared.
jest.setTimeout(300_000);

beforeAll(async () => {
  // The provider checks escrow balances every half second instead of every (scaled) ten minutes.
  // No reclamation window in bids, so the provider may close its lease at once (v2.1 rule).
  e2e = await startE2eNet({
    blockTimeMs: 250,
    providerTiming: { fundsCheckIntervalMs: 500, reclamationWindowMs: 0 },
  });
});

afterAll(async () => {
  await e2e?.stop();
});

const pairTf = (deposit: string) => `
resource "akash_deployment" "app" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "${deposit}"
}
resource "akash_lease" "app" {
  dseq     = akash_deployment.app.dseq
  manifest = akash_deployment.app.manifest_json
  bid_policy {
    collect = "1s"
  }
}
`;

/** akash.market.v1.LeaseClosedReason "unspecified" in the provider range. */
const PROVIDER_CLOSE_REASON = 10002;

test("a lease closed by its provider: the next apply gets the group a new lease", async () => {
  const dir = await e2e.workspace(pairTf("1000000uact"), { "deploy.yaml": webSdl() });
  expect((await applyStep(inWorkspace(e2e, dir))).code).toBe(0);
  const lease = await stateOf(e2e, dir, "akash_lease.app");
  const dseq = lease.dseq as string;
  const winner = lease.provider_address as string;

  // The provider gives the lease up (MsgCloseBid on the active bid), signed with its well-known key.
  const index = [0, 1, 2].find((i) => localnetKeys.provider(i).address === winner)!;
  const providerTx = await TxQueue.connect(e2e.net.node, localnetKeys.provider(index).mnemonic, 50);
  const id = { owner: e2e.net.address, dseq, gseq: 1, oseq: lease.oseq as number, provider: winner, bseq: 0 };
  const outcome = await providerTx.submit([
    { typeUrl: PROVIDER_MSG_TYPES.closeBid, value: { id, reason: PROVIDER_CLOSE_REASON } },
  ]);
  expect(outcome).toMatchObject({ code: 0 });
  expect((await leasesOf(e2e, dseq)).map((l) => l.state)).toEqual(["closed"]);

  // The chain pauses a group whose provider walked away. The deployment stays (same dseq, same escrow): the
  // lease's refresh finds it closed, so only the lease is created again, and creating it reopens the group.
  e2e.chain.invalidate();
  expect((await e2e.chain.deployment(e2e.net.address, BigInt(dseq)))?.groups.map((g) => g.state)).toEqual([
    "paused",
  ]);
  const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain("akash_lease.app will be created");
  expect(plan.stdout).not.toContain("akash_deployment.app must be replaced");
  expect(plan.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");

  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  const again = await stateOf(e2e, dir, "akash_lease.app");
  expect(again.dseq).toBe(dseq);
  expect((await stateOf(e2e, dir, "akash_deployment.app")).dseq).toBe(dseq);
  expect(again.state).toBe("active");
  expect(again.oseq).toBe((lease.oseq as number) + 1); // the new order the reopened group got
  e2e.chain.invalidate();
  const deployment = await e2e.chain.deployment(e2e.net.address, BigInt(dseq));
  expect(deployment?.state).toBe("active");
  expect(deployment?.groups.map((g) => g.state)).toEqual(["open"]);
  const leases = await leasesOf(e2e, dseq);
  expect(leases.filter((l) => l.state === "active").map((l) => l.id.provider)).toEqual([
    again.provider_address,
  ]);
  expect(leases).toHaveLength(2); // the closed one and the new one
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);

  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
});

test("an escrow that runs dry closes the deployment; the next plan recreates deployment and lease", async () => {
  // Big enough to cost ~18k uact per block at the GPU provider, so 1 ACT lasts a few dozen blocks.
  const sdl = webSdl({ cpu: "64", memory: "256Gi", gpus: 8, amount: "100000" });
  const dir = await e2e.workspace(pairTf("1000000uact"), { "deploy.yaml": sdl });
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  const deployment = await stateOf(e2e, dir, "akash_deployment.app");
  const dseq = deployment.dseq as string;
  expect((await stateOf(e2e, dir, "akash_lease.app")).provider_address).toBe(
    localnetKeys.provider(1).address,
  );

  const closed = await eventually(
    "the deployment to be closed for lack of funds",
    async () => {
      e2e.chain.invalidate();
      const d = await e2e.chain.deployment(e2e.net.address, BigInt(dseq));
      return d?.state === "closed" ? d : undefined;
    },
    { timeoutMs: 60_000 },
  );
  expect(closed.state).toBe("closed");
  const [lease] = await leasesOf(e2e, dseq);
  expect(lease?.state).toBe("insufficient_funds");

  const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain("akash_deployment.app has been deleted");
  expect(plan.stdout).toContain("akash_deployment.app will be created");
  expect(plan.stdout).toContain("akash_lease.app will be created");
  expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");

  // Nothing is left to close: destroy only forgets.
  const destroy = await e2e.tf(dir, ["destroy", "-auto-approve"]);
  expect(destroy.code).toBe(0);
});
