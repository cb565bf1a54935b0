/**
 * Each CDKTF example synthesizes (bundled like the main job bundles it, run with plain node) into the resources
 * its README promises. Fast: no terraform, no localnet — test/e2e/examples.test.ts deploys them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleCdktfApp } from "../../../src/cli/cdktf-app";
import { packageInfo } from "../../../src/cli/package-info";
import { compileSdl } from "../../../src/sdl";

interface Stack {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown; sensitive?: boolean }>;
  variable?: Record<string, { sensitive?: boolean }>;
}

const root = packageInfo().root;
const work = mkdtempSync(join(tmpdir(), "examples-synth-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function synthExample(name: string): Promise<Stack> {
  const appDir = join(work, name);
  await bundleCdktfApp(join(root, "examples", name, "main.ts"), appDir);
  execFileSync(process.execPath, [join(appDir, "main.js")], {
    cwd: appDir,
    env: { ...process.env, NODE_PATH: join(root, "node_modules"), CDKTF_OUTDIR: join(appDir, "out") },
  });
  return JSON.parse(readFileSync(join(appDir, "out", "stacks", name, "cdk.tf.json"), "utf8")) as Stack;
}

function byPrefix<T>(record: Record<string, T>, prefix: string): T {
  const found = Object.entries(record).find(([k]) => k.startsWith(prefix));
  if (!found) throw new Error(`nothing named ${prefix}* in ${Object.keys(record).join(", ")}`);
  return found[1];
}

test("hello-world: the same service as the HCL example's deploy.yaml", async () => {
  const stack = await synthExample("hello-world");
  const sdl = byPrefix(stack.resource.akash_deployment!, "web_app_deployment_").sdl as string;
  const hcl = compileSdl(readFileSync(join(root, "examples", "hcl", "deploy.yaml"), "utf8"));
  const cdktf = compileSdl(sdl);
  expect(cdktf.manifestJson).toBe(hcl.manifestJson);
  expect(cdktf.groupSpecsGoJson).toEqual(hcl.groupSpecsGoJson);
  expect(Object.keys(stack.output).sort()).toEqual(["dseq", "owner", "price", "provider", "uris"]);
});

test("multi-provider: three deployments in three regions, addresses flowing as references", async () => {
  const stack = await synthExample("multi-provider");
  const deployments = stack.resource.akash_deployment!;
  expect(Object.keys(deployments)).toHaveLength(3);
  const sdl = (prefix: string) => byPrefix(deployments, prefix).sdl as string;
  expect(sdl("db_")).toContain('"region": "ap-south"');
  expect(sdl("db_")).toContain('"persistent": true');
  expect(sdl("api_")).toContain('"region": "eu-central"');
  expect(sdl("web_")).toContain('"region": "us-west"');
  expect(sdl("api_")).toMatch(/"DATABASE_ADDRESS=\$\{.*akash_lease\.db_app_lease_[0-9A-F]+\.forwarded_ports/);
  expect(sdl("web_")).toMatch(/"BACKEND_URL=http:\/\/\$\{.*akash_lease\.api_app_lease_[0-9A-F]+\.uris/);
  // The password is a sensitive variable, not a literal.
  expect(stack.variable!.db_password!.sensitive).toBe(true);
  expect(sdl("db_")).toContain("POSTGRES_PASSWORD=${trimsuffix(trimprefix(jsonencode(var.db_password)");
});

test("gpu-inference: GPU models chosen by the preset and enforced by the bid policy", async () => {
  const stack = await synthExample("gpu-inference");
  const lease = byPrefix(stack.resource.akash_lease!, "llm_app_lease_");
  expect(lease.bid_policy).toEqual({ gpu_models: ["h100", "a100"] });
  const doc = JSON.parse(byPrefix(stack.resource.akash_deployment!, "llm_").sdl as string);
  expect(doc.profiles.compute.llm.resources.gpu.units).toBe(1);
  expect(doc.profiles.placement.dcloud.pricing.llm.amount).toBe(200000);
  expect(stack.output.gpus!.value).toBe(1);
});

test("ci-grant: the granter's aliased provider signs the grants, the CI key's provider deploys after them", async () => {
  const stack = await synthExample("ci-grant");
  const providers = (stack as unknown as { provider: { akash: Record<string, unknown>[] } }).provider.akash;
  expect(providers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ alias: "granter", mnemonic: "${var.granter_mnemonic}" }),
      expect.objectContaining({ granter: "${var.granter_address}" }),
    ]),
  );
  const grant = byPrefix(stack.resource.akash_deposit_authorization!, "funding_deposits_");
  expect(grant).toMatchObject({
    provider: "akash.granter",
    grantee: "${var.ci_address}",
    spend_limits: ["20000000uact"],
    scopes: ["deployment"],
  });
  const allowance = byPrefix(stack.resource.akash_fee_allowance!, "funding_fees_");
  expect(allowance).toMatchObject({ provider: "akash.granter", spend_limit: ["5000000uakt"] });
  const deployment = byPrefix(stack.resource.akash_deployment!, "web_app_deployment_");
  expect(deployment.provider).toBeUndefined();
  expect(deployment.depends_on).toEqual([
    expect.stringMatching(/^akash_deposit_authorization\.funding_deposits_[0-9A-F]+$/),
    expect.stringMatching(/^akash_fee_allowance\.funding_fees_[0-9A-F]+$/),
  ]);
});
