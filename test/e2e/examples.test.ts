/**
 * Every example, deployed and destroyed against one localnet: the CDKTF ones with `cdktf deploy`/`destroy` (in
 * parallel), the HCL one with terraform. Assertions are on the stacks' outputs and on what the chain and the
 * providers actually hold.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bip39, Random } from "@cosmjs/crypto";
import { mnemonicSigner } from "../../src/akash/adapters/cosmos/mnemonic-signer";
import { packageInfo } from "../../src/cli/package-info";
import { cdktfWorkspace, exampleApp, plain, type CdktfWorkspace, type ExampleApp } from "../support/cdktf";
import { leaseManifestAtProvider, startE2eNet, type E2eNet } from "./localnet-terraform";
import { namedStep } from "../support/named-step";
import { expectEmptyPlan, inWorkspace } from "./acceptance";

jest.setTimeout(300_000);

const DB_PASSWORD = 's3cret-"quoted"-pw';

interface ManifestService {
  name: string;
  image: string;
  env: string[] | null;
  resources: {
    gpu?: { units: { val: string } };
    storage?: { name: string; attributes?: { key: string; value: string }[] | null }[];
  };
}

let e2e: E2eNet;
/** The CI key of the ci-grant example: fresh, never funded. */
const ci = { mnemonic: "", address: "" };
let ws: CdktfWorkspace;
const apps: Record<string, ExampleApp> = {};
const hclDir = mkdtempSync(join(tmpdir(), "akash-example-hcl-"));

function providerIn(region: string): string {
  const found = e2e.net.providers.find((p) =>
    p.attributes.some((a) => a.key === "region" && a.value === region),
  );
  if (!found) throw new Error(`no localnet provider in ${region}`);
  return found.address;
}

/** The manifest the provider of `dseq`'s lease runs, services by name. */
async function servicesAtProvider(dseq: string): Promise<Record<string, ManifestService>> {
  e2e.chain.invalidate();
  const [lease] = await e2e.chain.leases(e2e.net.address, { dseq: BigInt(dseq) });
  if (!lease) throw new Error(`no lease for deployment ${dseq}`);
  const provider = e2e.net.providers.find((p) => p.address === lease.id.provider)!;
  const groups = (await leaseManifestAtProvider(e2e, {
    hostUri: provider.hostUri,
    provider: provider.address,
    dseq,
    gseq: lease.id.gseq,
    oseq: lease.id.oseq,
  })) as { services: ManifestService[] }[];
  return Object.fromEntries(groups.flatMap((g) => g.services).map((s) => [s.name, s]));
}

async function deploymentState(dseq: string): Promise<string | undefined> {
  e2e.chain.invalidate();
  return (await e2e.chain.deployment(e2e.net.address, BigInt(dseq)))?.state;
}

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 300 });
  ws = cdktfWorkspace();
  const env = { AKASH_NODE: e2e.net.node, AKASH_MNEMONIC: e2e.net.mnemonic, TF_VAR_db_password: DB_PASSWORD };
  for (const name of ["hello-world", "multi-provider", "gpu-inference"])
    apps[name] = await exampleApp(ws, name, env);
  const mnemonic = Bip39.encode(Random.getBytes(32)).toString();
  ci.mnemonic = mnemonic;
  ci.address = (await mnemonicSigner(mnemonic)).address;
  apps["ci-grant"] = await exampleApp(ws, "ci-grant", {
    AKASH_NODE: e2e.net.node,
    AKASH_MNEMONIC: ci.mnemonic,
    TF_VAR_granter_mnemonic: e2e.net.mnemonic,
    TF_VAR_granter_address: e2e.net.address,
    TF_VAR_ci_address: ci.address,
  });
  cpSync(join(packageInfo().root, "examples", "hcl"), hclDir, { recursive: true });
});

afterAll(async () => {
  await e2e?.stop();
  ws?.remove();
});

// One deployment of every example carried from deploy through the checks to destroy: each named step builds on the
// one before it.
test("every example deploys, does what it says, and destroys", async () => {
  await namedStep("every example deploys (CDKTF apps in parallel with the HCL one)", async () => {
    const hcl = async () => {
      const init = await e2e.tf(hclDir, ["init", "-input=false"]);
      if (init.code !== 0) return init;
      return e2e.tf(hclDir, ["apply", "-auto-approve", "-input=false"]);
    };
    const [cdktf, tf] = await Promise.all([Promise.all(Object.values(apps).map((a) => a.deploy())), hcl()]);
    for (const [i, result] of cdktf.entries()) {
      if (result.code !== 0) throw new Error(`${Object.keys(apps)[i]} failed:\n${plain(result.output)}`);
    }
    expect(tf.stderr).toBe("");
    expect(tf.code).toBe(0);
    await expectEmptyPlan(inWorkspace(e2e, hclDir), "the HCL example's apply");
  });

  await namedStep(
    "hello-world: one nginx service with an ingress hostname, running at the provider",
    async () => {
      const out = apps["hello-world"]!.outputs() as {
        uris: string[];
        provider: string;
        dseq: string;
        price: string;
      };
      expect(out.uris).toHaveLength(1);
      expect(out.uris[0]).toMatch(/\.ingress\./);
      expect(e2e.net.providers.map((p) => p.address)).toContain(out.provider);
      expect(out.price).toMatch(/^[\d.]+uact$/);
      expect(await deploymentState(out.dseq)).toBe("active");
      expect((await servicesAtProvider(out.dseq)).web!.image).toBe("nginx:1.27");
    },
  );

  await namedStep(
    "multi-provider: three providers picked by region, addresses wired through tokens, data on a volume",
    async () => {
      const out = apps["multi-provider"]!.outputs() as {
        frontend_url: string;
        backend_url: string;
        db_address: string;
        providers: Record<"frontend" | "backend" | "db", string>;
        dseqs: Record<"frontend" | "backend" | "db", string>;
      };
      expect(out.providers).toEqual({
        frontend: providerIn("us-west"),
        backend: providerIn("eu-central"),
        db: providerIn("ap-south"),
      });
      expect(out.backend_url).toMatch(/^http:\/\/[a-z0-9]+\.ingress\./);
      expect(out.db_address).toMatch(/^[\w.-]+:\d+$/);

      const [frontend, backend, db] = await Promise.all([
        servicesAtProvider(out.dseqs.frontend),
        servicesAtProvider(out.dseqs.backend),
        servicesAtProvider(out.dseqs.db),
      ]);
      // The backend's URL reached the frontend's env, the database's forwarded address the backend's.
      expect(frontend.web!.env).toContain(`BACKEND_URL=${out.backend_url}`);
      expect(backend.api!.env).toContain(`DATABASE_ADDRESS=${out.db_address}`);
      // The password (with quotes: terraform JSON-escaped it into the SDL) arrived intact.
      expect(db.db!.env).toContain(`POSTGRES_PASSWORD=${DB_PASSWORD}`);
      const volume = db.db!.resources.storage!.find((s) => s.name === "data")!;
      expect(volume.attributes).toEqual(
        expect.arrayContaining([
          { key: "class", value: "beta2" },
          { key: "persistent", value: "true" },
        ]),
      );
      // The sensitive password never shows up in outputs.
      expect(JSON.stringify(out)).not.toContain("s3cret");
    },
  );

  await namedStep("gpu-inference: the preset's GPU selection lands on the GPU provider", async () => {
    const out = apps["gpu-inference"]!.outputs() as {
      api_url: string;
      provider: string;
      dseq: string;
      gpus: number;
    };
    expect(out.gpus).toBe(1);
    const gpuProvider = e2e.net.providers.find((p) =>
      p.attributes.some((a) => a.key === "capabilities/gpu/vendor/nvidia/model/h100"),
    )!;
    expect(out.provider).toBe(gpuProvider.address);
    expect(out.api_url).toMatch(/^http:\/\/[a-z0-9]+\.ingress\..+\/v1$/);
    const llm = (await servicesAtProvider(out.dseq)).llm!;
    expect(llm.resources.gpu!.units.val).toBe("1");
  });

  await namedStep(
    "ci-grant: the CI key deploys on the granter's money and its own balance never moves",
    async () => {
      const out = apps["ci-grant"]!.outputs() as {
        owner: string;
        dseq: string;
        funded_by: string;
        uris: string[];
      };
      expect(out.owner).toBe(ci.address);
      expect(out.funded_by).toBe(e2e.net.address);
      expect(out.uris).toHaveLength(1);
      e2e.chain.invalidate();
      const deployment = await e2e.chain.deployment(ci.address, BigInt(out.dseq));
      expect(deployment?.state).toBe("active");
      // The deposit came from the granter (the depositor of record), the fees from the allowance.
      expect(deployment?.escrow?.deposits.map((d) => d.owner)).toEqual([e2e.net.address]);
      const balances = await e2e.chain.balances(ci.address);
      expect(balances.filter((c) => c.amount > 0n)).toEqual([]);
      const [grant] = await e2e.chain.depositGrants({ granter: e2e.net.address, grantee: ci.address });
      // 5 ACT of the 20 ACT limit went into the escrow.
      expect(grant!.spendLimits).toEqual([{ denom: "uact", amount: 15_000_000n }]);
      const [allowance] = await e2e.chain.feeAllowances({ granter: e2e.net.address, grantee: ci.address });
      expect(allowance).toBeDefined();
    },
  );

  await namedStep("hcl: the same hello-world in plain HCL", async () => {
    const output = await e2e.tf(hclDir, ["output", "-json"]);
    const out = JSON.parse(output.stdout) as Record<string, { value: unknown }>;
    expect(out.uris!.value).toEqual([expect.stringMatching(/\.ingress\./)]);
    expect(out.price_per_block!.value).toMatch(/^[\d.]+uact$/);
  });

  await namedStep("every example destroys; no deployment stays open on the account", async () => {
    const dseqs = [
      (apps["hello-world"]!.outputs() as { dseq: string }).dseq,
      ...Object.values((apps["multi-provider"]!.outputs() as { dseqs: Record<string, string> }).dseqs),
      (apps["gpu-inference"]!.outputs() as { dseq: string }).dseq,
    ];
    const ciDseq = (apps["ci-grant"]!.outputs() as { dseq: string }).dseq;
    const [cdktf, tf] = await Promise.all([
      Promise.all(Object.values(apps).map((a) => a.destroy())),
      e2e.tf(hclDir, ["destroy", "-auto-approve", "-input=false"]),
    ]);
    for (const [i, result] of cdktf.entries()) {
      if (result.code !== 0)
        throw new Error(`${Object.keys(apps)[i]} destroy failed:\n${plain(result.output)}`);
    }
    expect(tf.code).toBe(0);
    for (const dseq of dseqs) expect(await deploymentState(dseq)).toBe("closed");
    e2e.chain.invalidate();
    expect(await e2e.chain.deployments(e2e.net.address, { state: "active" })).toEqual([]);
    // ci-grant: the CI key's deployment is closed and both grants are revoked.
    expect((await e2e.chain.deployment(ci.address, BigInt(ciDseq)))?.state).toBe("closed");
    expect(await e2e.chain.depositGrants({ granter: e2e.net.address, grantee: ci.address })).toEqual([]);
    expect(await e2e.chain.feeAllowances({ granter: e2e.net.address, grantee: ci.address })).toEqual([]);
  });
}, 1_200_000);
