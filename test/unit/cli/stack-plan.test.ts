/**
 * What the main job says a stack creates and costs, read from a synthesized cdk.tf.json before anything is
 * applied: services with their resources, the deposit, the most the leases can cost per block and per month at a
 * named block time. Values known only at apply time are called unknown, not guessed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describePrice, inWholeUnits, MAINNET_BLOCK_SECONDS, perMonth } from "../../../src/cli/cost-estimate";
import { planSummary } from "../../../src/cli/plan-summary";
import { readStackPlan } from "../../../src/cli/stack-plan";

const SDL = `
version: "2.0"
services:
  web:
    image: nginx:1.27
    expose:
      - port: 80
        to: [{ global: true }]
  worker:
    image: ghcr.io/acme/worker:3
profiles:
  compute:
    web:
      resources: { cpu: { units: 0.5 }, memory: { size: 512Mi }, storage: { size: 1Gi } }
    worker:
      resources: { cpu: { units: 2 }, memory: { size: 4Gi }, storage: [{ size: 10Gi }] }
  placement:
    east:
      pricing:
        web: { denom: uact, amount: 1000 }
    west:
      pricing:
        worker: { denom: uact, amount: 250.5 }
deployment:
  web:
    east: { profile: web, count: 1 }
  worker:
    west: { profile: worker, count: 2 }
`;

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "akash-stack-plan-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stack(resource: Record<string, Record<string, Record<string, unknown>>>): string {
  writeFileSync(
    join(dir, "cdk.tf.json"),
    JSON.stringify({
      terraform: { required_providers: { akash: { source: "akash-cdktf/akash", version: "0.1.0" } } },
      resource,
    }),
  );
  return dir;
}

const meta = (path: string) => ({ "//": { metadata: { path, uniqueId: path.replace(/\W/g, "_") } } });

test("monthly cost at a block time, in whole units", () => {
  // 30.4375 days = 2,629,800 s: 2,629,800 blocks at 1 s.
  expect(perMonth("22.0512", "uact", 1)).toBe("57.99 ACT");
  expect(perMonth("1000", "uact", 1)).toBe("2629.8 ACT");
  expect(perMonth("1000", "uact", MAINNET_BLOCK_SECONDS)).toBe("425.94 ACT");
  expect(perMonth("1000", "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", 6)).toBe(
    "438300000 ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2",
  );
  expect(inWholeUnits("5000000", "uact")).toBe("5 ACT");
  expect(inWholeUnits("1234567", "uakt")).toBe("1.234567 AKT");
  expect(describePrice("22.0512", "uact", { seconds: 6.1, source: "akashnet-2's measured" })).toBe(
    "22.0512 uact/block ≈ 9.5 ACT/month at akashnet-2's measured 6.1 s/block",
  );
});

test("a literal stack: services, deposit and the most its leases can cost", () => {
  const plan = readStackPlan(
    stack({
      akash_deployment: { d: { ...meta("hello/app/deployment"), sdl: SDL, deposit: "7000000uact" } },
      akash_lease: {
        east: { ...meta("hello/app/east"), gseq: 1 },
        west: { ...meta("hello/app/west"), gseq: 2 },
      },
      akash_certificate: { c: meta("hello/cert") },
    }),
  );
  expect(plan).toEqual({
    deployments: [
      {
        name: "app/deployment",
        deposit: { denom: "uact", amount: 7_000_000n },
        services: [
          { name: "web", image: "nginx:1.27", count: 1, resources: "0.5 CPU, 512 MiB memory, 1 GiB storage" },
          {
            name: "worker",
            image: "ghcr.io/acme/worker:3",
            count: 2,
            resources: "2 CPU, 4 GiB memory, 10 GiB storage",
          },
        ],
        // 1000 × 1 + 250.5 × 2
        maxPricePerBlock: { denom: "uact", amount: "1501" },
      },
    ],
    leases: 2,
    others: { akash_certificate: 1 },
    providerConstraint: "0.1.0",
  });
  expect(
    planSummary(plan, {
      stack: "hello",
      blockTime: { seconds: 1, source: "the localnet's" },
      compareWithMainnet: true,
    }),
  ).toEqual([
    "hello is 1 deployment + 2 leases + 1 × akash_certificate:",
    "  1 × web (nginx:1.27): 0.5 CPU, 512 MiB memory, 1 GiB storage",
    "  2 × worker (ghcr.io/acme/worker:3): 2 CPU, 4 GiB memory, 10 GiB storage",
    "  deposit 7 ACT (7000000 uact) into escrow, refunded on destroy",
    "  leases at most 1501 uact/block ≈ 3947.32 ACT/month at the localnet's 1 s/block; ≈ 639.34 ACT/month on mainnet (~6.174 s/block)",
  ]);
});

test("the provider's default deposit applies when the stack sets none", () => {
  const plan = readStackPlan(stack({ akash_deployment: { d: { ...meta("s/d"), sdl: SDL } } }));
  expect(plan.deployments[0]!.deposit).toEqual({ denom: "uact", amount: 5_000_000n });
});

test("values known only at apply time are reported as unknown", () => {
  const plan = readStackPlan(
    stack({
      akash_deployment: { d: { ...meta("s/d"), sdl: "${file.sdl.content}", deposit: "${var.deposit}" } },
    }),
  );
  expect(plan.deployments).toEqual([{ name: "d" }]);
  expect(
    planSummary(plan, { stack: "s", blockTime: { seconds: 6, source: "x" }, compareWithMainnet: false }),
  ).toEqual([
    "s is 1 deployment + 0 leases:",
    "  d: services known only at apply time",
    "  deposit known only at apply time",
  ]);
});

test("an invalid SDL is left to terraform's diagnostics", () => {
  const plan = readStackPlan(stack({ akash_deployment: { d: { ...meta("s/d"), sdl: "version: '9'" } } }));
  expect(plan.deployments[0]!.services).toBeUndefined();
});
