/**
 * akash_deployment + akash_lease through the real terraform binary against the localnet: the whole lifecycle
 * (create, no-op plan, in-place manifest update, replacement, import, destroy with the escrow refunded), the data
 * sources, and the bid policy.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localnetKeys } from "../../src/localnet/keys";
import { toFixed18 } from "../../src/domain/escrow-runway";
import {
  leaseManifestAtProvider,
  leasesOf,
  stateOf,
  stateResources,
  STACK_TRACE,
  startE2eNet,
  uactBalance,
  type E2eNet,
} from "./localnet-terraform";
import { expectEmptyPlan, importStep, inWorkspace } from "./acceptance";
import { eventually } from "../support/eventually";
import { namedStep } from "../support/named-step";
import { webSdl } from "../support/web-sdl";

const provider = (i: number) => localnetKeys.provider(i).address;
const auditor = localnetKeys.auditor().address;

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 250 });
});

afterAll(async () => {
  await e2e?.stop();
});

const lifecycleTf = `
resource "akash_deployment" "web" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "5000000uact"
}

resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "3s"
  }
}

data "akash_account" "me" {
  depends_on = [akash_lease.web]
}

data "akash_providers" "west" {
  attributes = { region = "us-west" }
}

data "akash_providers" "audited" {
  audited_by = ["${auditor}"]
}

data "akash_deployment" "web" {
  dseq       = akash_deployment.web.dseq
  depends_on = [akash_lease.web]
}
`;

// One terraform state carried from create to destroy: each named step builds on the one before it.
test("deployment and lease lifecycle: create, plan, top-up, update, replace, import, destroy", async () => {
  let dir: string;
  let balanceBefore: bigint;
  const dseqs: string[] = [];

  await namedStep(
    "create: deployment on chain, cheapest bid wins, services run, data sources agree",
    async () => {
      dir = await e2e.workspace(lifecycleTf, { "deploy.yaml": webSdl() });
      balanceBefore = await uactBalance(e2e, e2e.net.address);

      const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);

      const deployment = await stateOf(e2e, dir, "akash_deployment.web");
      const lease = await stateOf(e2e, dir, "akash_lease.web");
      const dseq = deployment.dseq as string;
      dseqs.push(dseq);
      expect(deployment.owner).toBe(e2e.net.address);
      expect(deployment.id).toBe(`${e2e.net.address}/${dseq}`);
      expect(deployment.state).toBe("active");
      expect(deployment.groups).toEqual(["dc"]);
      expect(deployment.services).toEqual(["web"]);

      e2e.chain.invalidate();
      const onChain = await e2e.chain.deployment(e2e.net.address, BigInt(dseq));
      expect(onChain?.state).toBe("active");
      expect(Buffer.from(onChain!.hash).toString("hex")).toBe(deployment.hash);

      // No policy beyond max_price: the cheapest provider (2) wins.
      expect(lease.provider_address).toBe(provider(2));
      expect(lease.state).toBe("active");
      expect(lease.host_uri).toBe(e2e.net.providers.find((p) => p.address === provider(2))?.hostUri);
      expect(lease.price).toMatch(/^\d+(\.\d+)?uact$/);
      const services = lease.services as { name: string; available: number; total: number }[];
      expect(services).toEqual([expect.objectContaining({ name: "web", available: 1, total: 1 })]);
      expect((lease.uris as string[]).length).toBe(1);
      const chainLeases = await leasesOf(e2e, dseq);
      expect(chainLeases.map((l) => [l.id.provider, l.state])).toEqual([[provider(2), "active"]]);

      const account = await stateOf(e2e, dir, "data.akash_account.me");
      expect(account.address).toBe(e2e.net.address);
      expect(account.exists).toBe(true);
      expect(BigInt((account.balances as Record<string, string>).uact!)).toBe(balanceBefore - 5_000_000n);
      expect(Number(account.sequence)).toBeGreaterThan(0);
      expect((await stateOf(e2e, dir, "data.akash_providers.west")).addresses).toEqual([provider(0)]);
      expect((await stateOf(e2e, dir, "data.akash_providers.audited")).addresses).toEqual(
        [provider(0), provider(1)].sort(),
      );
      const ds = await stateOf(e2e, dir, "data.akash_deployment.web");
      expect(ds).toMatchObject({
        state: "active",
        hash: deployment.hash,
        groups: ["dc"],
        group_states: ["open"],
      });
      expect(ds.leases).toEqual([
        { gseq: 1, oseq: 1, provider: provider(2), state: "active", price: lease.price },
      ]);
    },
  );

  await namedStep("a second plan has nothing to do; a refresh shows the escrow being spent", async () => {
    const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);

    const refresh = await e2e.tf(dir, ["apply", "-refresh-only", "-auto-approve"]);
    expect(refresh.code).toBe(0);
    const deployment = await stateOf(e2e, dir, "akash_deployment.web");
    const balance = /^(\d+(?:\.\d+)?)uact$/.exec(deployment.balance as string);
    expect(balance).not.toBeNull();
    expect(Number(balance![1])).toBeLessThan(5_000_000);
    expect(Number(balance![1])).toBeGreaterThan(4_900_000);
    // Runway = balance / price blocks at the chain's own block time (0.25 s here, not mainnet's 6.5 s).
    const lease = await stateOf(e2e, dir, "akash_lease.web");
    const blocksLeft = Number(balance![1]) / Number(/^[\d.]+/.exec(lease.price as string)![0]);
    const seconds = blocksLeft * (await e2e.chain.averageBlockSeconds());
    const [, d = "0", h = "0", m = "0"] = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(
      deployment.runway as string,
    )!;
    const shown = Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60;
    // Block intervals jitter on a loaded machine; mainnet's 6.5 s would be 26 times off.
    expect(shown / seconds).toBeGreaterThan(0.5);
    expect(shown / seconds).toBeLessThan(2);
    expect(deployment.group_states).toEqual(["open"]);
  });

  await namedStep("raising the deposit tops the escrow up in place", async () => {
    writeFileSync(
      join(dir, "main.tf"),
      readFileSync(join(dir, "main.tf"), "utf8").replace("5000000uact", "6000000uact"),
    );
    const before = await uactBalance(e2e, e2e.net.address);
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    expect(await uactBalance(e2e, e2e.net.address)).toBe(before - 1_000_000n);
    expect((await stateOf(e2e, dir, "akash_deployment.web")).deposit).toBe("6000000uact");
    expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);
  });

  await namedStep("an image change updates in place and the provider receives the new manifest", async () => {
    writeFileSync(join(dir, "deploy.yaml"), webSdl({ image: "nginx:1.28" }));
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Plan: 0 to add, 2 to change, 0 to destroy.");
    expect(apply.stdout).not.toContain("must be replaced");

    const deployment = await stateOf(e2e, dir, "akash_deployment.web");
    const lease = await stateOf(e2e, dir, "akash_lease.web");
    expect(deployment.dseq).toBe(dseqs[0]);
    e2e.chain.invalidate();
    const onChain = await e2e.chain.deployment(e2e.net.address, BigInt(dseqs[0]!));
    expect(Buffer.from(onChain!.hash).toString("hex")).toBe(deployment.hash);
    const running = (await leaseManifestAtProvider(e2e, {
      hostUri: lease.host_uri as string,
      provider: lease.provider_address as string,
      dseq: dseqs[0]!,
      gseq: 1,
      oseq: lease.oseq as number,
    })) as { services: { name: string; image: string }[] }[];
    expect(running[0]?.services.map((s) => [s.name, s.image])).toEqual([["web", "nginx:1.28"]]);

    const again = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
    expect(again.code).toBe(0);
  });

  await namedStep("a resources change replaces the deployment and the plan says why", async () => {
    writeFileSync(join(dir, "deploy.yaml"), webSdl({ image: "nginx:1.28", cpu: "1" }));
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("akash_deployment.web must be replaced");
    expect(apply.stdout).toContain("akash_lease.web must be replaced");
    expect(apply.stdout).toContain("Plan: 2 to add, 0 to change, 2 to destroy.");
    expect(apply.stdout.replace(/\s+/g, " ")).toContain(
      'Changing "sdl" forces replacement: the deployment\'s groups changed',
    );
    const deployment = await stateOf(e2e, dir, "akash_deployment.web");
    expect(deployment.dseq).not.toBe(dseqs[0]);
    dseqs.push(deployment.dseq as string);
    e2e.chain.invalidate();
    expect((await e2e.chain.deployment(e2e.net.address, BigInt(dseqs[0]!)))?.state).toBe("closed");
    expect((await e2e.chain.deployment(e2e.net.address, BigInt(dseqs[1]!)))?.state).toBe("active");
    expect((await leasesOf(e2e, dseqs[0]!)).map((l) => l.state)).toEqual(["closed"]);
    await expectEmptyPlan(inWorkspace(e2e, dir), "the replacement");
  });

  await namedStep(
    "import by <dseq>, by <owner>/<dseq> and of the lease, then the plan converges",
    async () => {
      const before = await stateOf(e2e, dir, "akash_lease.web");
      const dseq = dseqs[1]!;
      // Into a fresh workspace first, every attribute checked against what the create wrote.
      await importStep(
        e2e,
        dir,
        [
          {
            address: "akash_deployment.web",
            id: `${dseq},sdl=deploy.yaml`,
            ignore: ["balance", "runway", "timeouts"],
          },
          {
            address: "akash_lease.web",
            id: `${dseq}/1/${before.oseq}/${before.provider_address}`,
            ignore: ["bid_policy", "timeouts"],
          },
        ],
        { planNotEmptyBecause: "the bid policy is create-time configuration the chain does not hold" },
      );
      expect((await e2e.tf(dir, ["state", "rm", "akash_deployment.web", "akash_lease.web"])).code).toBe(0);

      const byDseq = await e2e.tf(dir, ["import", "akash_deployment.web", dseq]);
      expect(byDseq.stderr).toBe("");
      expect(byDseq.code).toBe(0);
      const imported = await stateOf(e2e, dir, "akash_deployment.web");
      expect(imported).toMatchObject({ dseq, owner: e2e.net.address, state: "active", groups: ["dc"] });

      expect((await e2e.tf(dir, ["state", "rm", "akash_deployment.web"])).code).toBe(0);
      const byOwner = await e2e.tf(dir, ["import", "akash_deployment.web", `${e2e.net.address}/${dseq}`]);
      expect(byOwner.code).toBe(0);
      const leaseId = `${dseq}/1/${before.oseq}/${before.provider_address}`;
      const lease = await e2e.tf(dir, ["import", "akash_lease.web", leaseId]);
      expect(lease.stderr).toBe("");
      expect(lease.code).toBe(0);
      const importedLease = await stateOf(e2e, dir, "akash_lease.web");
      expect(importedLease).toMatchObject({
        id: before.id,
        provider_address: before.provider_address,
        price: before.price,
        state: "active",
      });

      // The lease's manifest is not on chain either, but its provider serves it: the import recovers exactly the
      // text the deployment renders, so the lease has nothing to change (and its manifest is not sent again).
      expect(importedLease.manifest).toBe(before.manifest);

      // The SDL and the bid policy are not on chain, so the first apply fills them in, in place: nothing is
      // replaced, and the lease's only change is its (create-time) bid policy block, not its manifest.
      const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
      expect(apply.code).toBe(0);
      expect(apply.stdout).toContain("Plan: 0 to add, 2 to change, 0 to destroy.");
      const leasePlan = apply.stdout.slice(
        apply.stdout.indexOf("# akash_lease.web will be updated in-place"),
      );
      expect(leasePlan.slice(0, leasePlan.indexOf("Plan:"))).not.toContain("manifest");
      const converged = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
      expect(converged.code).toBe(0);
      expect((await stateOf(e2e, dir, "akash_deployment.web")).dseq).toBe(dseq);
    },
  );

  await namedStep(
    "destroy closes everything and refunds the escrow: only what the leases consumed is gone",
    async () => {
      const destroy = await e2e.tf(dir, ["destroy", "-auto-approve"]);
      expect(destroy.stderr).toBe("");
      expect(destroy.code).toBe(0);
      expect(await stateResources(e2e, dir)).toEqual([]);

      let consumed = 0n; // 10^-18 uact
      for (const dseq of dseqs) {
        e2e.chain.invalidate();
        expect((await e2e.chain.deployment(e2e.net.address, BigInt(dseq)))?.state).toBe("closed");
        for (const lease of await leasesOf(e2e, dseq)) {
          expect(lease.state).toBe("closed");
          consumed += toFixed18(lease.price.amount) * (lease.closedOn - lease.createdAt);
        }
      }
      const spent = balanceBefore - (await uactBalance(e2e, e2e.net.address));
      const consumedUact = consumed / 10n ** 18n;
      expect(consumedUact).toBeGreaterThan(0n);
      // Escrow runs on decimal uact but refunds are whole coins: each deployment may round by less than 1 uact.
      const slack = BigInt(dseqs.length);
      expect(spent).toBeGreaterThanOrEqual(consumedUact - slack);
      expect(spent).toBeLessThanOrEqual(consumedUact + slack);
    },
  );
}, 1_500_000);

describe("bid policy", () => {
  const cases: { name: string; policy: string; expected: string }[] = [
    { name: "denied", policy: `denied_providers = ["${provider(2)}"]`, expected: provider(0) },
    { name: "region", policy: `required_attributes = { region = "eu-central" }`, expected: provider(1) },
    { name: "gpu", policy: `gpu_models = ["h100"]`, expected: provider(1) },
    { name: "audited", policy: `audited_by = ["${auditor}"]`, expected: provider(0) },
    {
      name: "allowed",
      policy: `allowed_providers = ["${provider(1)}", "${provider(0)}"]`,
      expected: provider(0),
    },
    {
      name: "preferred",
      policy: `strategy = "preferred"\n    preferred_providers = ["${provider(1)}"]`,
      expected: provider(1),
    },
  ];
  const pair = (name: string, policy: string, wait = "20s") => `
resource "akash_deployment" "${name}" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "1000000uact"
}
resource "akash_lease" "${name}" {
  dseq     = akash_deployment.${name}.dseq
  manifest = akash_deployment.${name}.manifest_json
  bid_policy {
    ${policy}
    collect = "4s"
    wait    = "${wait}"
  }
}
`;

  test("a policy no provider can meet ends the wait as soon as every provider has bid; INFO logs say why", async () => {
    const nobody = "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"; // a valid address that audits nobody
    const dir = await e2e.workspace(pair("unaudited", `audited_by = ["${nobody}"]`, "120s"), {
      "deploy.yaml": webSdl({ image: "nginx:unaudited" }),
    });
    const started = Date.now();
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"], { TF_LOG: "INFO" });
    const took = Date.now() - started;
    expect(apply.code).toBe(1);
    const message = apply.stderr.replace(/\s+/g, " ");
    expect(message).toContain("Error: No acceptable bid");
    expect(message).toContain("(all 3 providers that can serve the placement bid and were turned down)");
    for (const i of [0, 1, 2]) expect(message).toContain(`- ${provider(i)} bid`);
    // Not the 120 s wait: the providers bid within a few blocks.
    expect(took).toBeLessThan(60_000);
    // Each bid and its verdict is in the provider's INFO log.
    for (const i of [0, 1, 2]) expect(apply.stderr).toMatch(new RegExp(`bid rejected.*${provider(i)}`));
    expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
  });

  test("filters and strategies pick the expected provider; a max price below every bid explains each bid", async () => {
    const body =
      cases.map((c) => pair(c.name, c.policy)).join("") +
      pair("toolow", `max_price = { uact = "0.001" }`, "5s");
    const dir = await e2e.workspace(body, { "deploy.yaml": webSdl({ tcpPort: 5432 }) });
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).not.toMatch(STACK_TRACE);

    // The failing lease names every bid and why it was turned down, and points at the fix.
    expect(apply.stderr).toContain("No acceptable bid");
    expect(apply.stderr).toContain("with akash_lease.toolow");
    const message = apply.stderr.replace(/\s+/g, " "); // terraform wraps long lines
    for (const i of [0, 1, 2]) {
      expect(message).toMatch(
        new RegExp(`- ${provider(i)} bid [\\d.]+uact/block: above max_price 0\\.001uact`),
      );
    }
    expect(message).toContain("Raise bid_policy.max_price");

    const resources = await stateResources(e2e, dir);
    const addresses = resources.map((r) => r.address);
    expect(addresses).toContain("akash_deployment.toolow");
    expect(addresses).not.toContain("akash_lease.toolow");
    const toolow = resources.find((r) => r.address === "akash_deployment.toolow")!.values;
    expect((await leasesOf(e2e, toolow.dseq as string)).filter((l) => l.state === "active")).toEqual([]);

    for (const c of cases) {
      const lease = resources.find((r) => r.address === `akash_lease.${c.name}`)?.values;
      expect([c.name, lease?.provider_address]).toEqual([c.name, c.expected]);
      expect(lease?.state).toBe("active");
      // Port 80 goes through the ingress (a URI); 5432 is forwarded on a random external port.
      expect(lease?.uris).toHaveLength(1);
      expect(lease?.forwarded_ports).toEqual([
        {
          service: "web",
          host: expect.any(String),
          port: 5432,
          external_port: expect.any(Number),
          proto: "TCP",
        },
      ]);
      expect(lease?.ips).toEqual([]);
    }

    // Nothing is left behind once destroyed, including the deployment whose lease failed.
    const destroy = await e2e.tf(dir, ["destroy", "-auto-approve"]);
    expect(destroy.code).toBe(0);
    await eventually("all deployments closed", async () => {
      e2e.chain.invalidate();
      const open = await e2e.chain.deployments(e2e.net.address, { state: "active" });
      return open.length === 0 ? true : undefined;
    });
  });
});
