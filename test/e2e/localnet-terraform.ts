/**
 * What the resource end-to-end tests share: a throwaway localnet, the provider bundle installed into a sandboxed
 * terraform, a workspace per scenario, and read-only views of the chain and the provider gateways to check that
 * terraform's story matches reality.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { createGatewayJwt } from "../../src/akash/adapters/gateway/jwt";
import { mnemonicSigner } from "../../src/akash/adapters/cosmos/mnemonic-signer";
import type { Lease } from "../../src/akash/ports/chain";
import { packageInfo } from "../../src/cli/package-info";
import type { Localnet } from "../../src/localnet/network";
import type { ProviderTiming } from "../../src/localnet/provider/bid-engine";
import { startTempLocalnet } from "../support/temp-localnet";
import { terraformSandbox, type TerraformResult, type TerraformSandbox } from "../support/terraform";

export interface E2eNet {
  net: Localnet;
  sandbox: TerraformSandbox;
  /** Read-only chain client (queries are cached briefly: call `chain.invalidate()` before re-reading). */
  chain: CosmosChain;
  /** terraform in `dir` with AKASH_NODE/AKASH_MNEMONIC set for the localnet's funded account. */
  tf(dir: string, args: string[], env?: NodeJS.ProcessEnv): Promise<TerraformResult>;
  /** A workspace with main.tf (provider block included) and extra files; `terraform init` already ran. */
  workspace(body: string, files?: Record<string, string>): Promise<string>;
  /** A fresh workspace with the same configuration files as `dir` and no state; `terraform init` already ran. */
  copyWorkspace(dir: string): Promise<string>;
  stop(): Promise<void>;
}

export const PROVIDER_BLOCK = `
terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash" }
  }
}
provider "akash" {}
`;

/** Starts a localnet (free ports, temp data dir) and installs the built provider into a fresh sandbox. */
export async function startE2eNet(
  opts: { blockTimeMs?: number; providers?: number; providerTiming?: Partial<ProviderTiming> } = {},
): Promise<E2eNet> {
  const root = packageInfo().root;
  // `install` copies the built bundle and explains how to build it when it is missing.
  const sandbox = terraformSandbox();
  const install = spawnSync(process.execPath, [join(root, "bin", "akash-cdktf.js"), "install"], {
    env: sandbox.env,
    encoding: "utf8",
  });
  if (install.status !== 0) throw new Error(`akash-cdktf install failed: ${install.stderr}`);
  const localnet = await startTempLocalnet(
    {
      blockTimeMs: opts.blockTimeMs ?? 250,
      providers: opts.providers ?? 3,
      providerTiming: opts.providerTiming,
    },
    "akash-e2e-net-",
  );
  const net = localnet.net;
  const chain = await createCosmosChain({ nodes: [net.node], cacheTtlMs: 0 });
  const dirs: string[] = [];
  const env = { AKASH_NODE: net.node, AKASH_MNEMONIC: net.mnemonic };
  const tf = (dir: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    sandbox.run(dir, [...args, "-no-color"], { ...env, ...extra });
  const initialized = async (dir: string) => {
    const init = await tf(dir, ["init"]);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}`);
    return dir;
  };
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "akash-e2e-tf-"));
    dirs.push(dir);
    return dir;
  };
  return {
    net,
    sandbox,
    chain,
    tf,
    async workspace(body, files = {}) {
      const dir = freshDir();
      writeFileSync(join(dir, "main.tf"), PROVIDER_BLOCK + body);
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
      return initialized(dir);
    },
    async copyWorkspace(from) {
      const dir = freshDir();
      // Configuration and the files it reads; not the state, saved plans, or what init writes.
      const notConfig = /^(terraform\.tfstate.*|\.terraform.*|tfplan)$/;
      for (const entry of readdirSync(from, { withFileTypes: true })) {
        if (entry.isFile() && !notConfig.test(entry.name))
          copyFileSync(join(from, entry.name), join(dir, entry.name));
      }
      return initialized(dir);
    },
    async stop() {
      await chain.close();
      await localnet.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      rmSync(sandbox.home, { recursive: true, force: true });
    },
  };
}

export interface ResourceState {
  address: string;
  values: Record<string, unknown>;
}

/** `terraform show -json`, resources only (root module). */
export async function stateResources(e2e: E2eNet, dir: string): Promise<ResourceState[]> {
  const show = await e2e.tf(dir, ["show", "-json"]);
  if (show.code !== 0) throw new Error(`terraform show failed:\n${show.stderr}`);
  const parsed = JSON.parse(show.stdout) as {
    values?: { root_module?: { resources?: ResourceState[] } };
  };
  return parsed.values?.root_module?.resources ?? [];
}

export async function stateOf(e2e: E2eNet, dir: string, address: string): Promise<Record<string, unknown>> {
  const found = (await stateResources(e2e, dir)).find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in the state`);
  return found.values;
}

export async function uactBalance(e2e: E2eNet, address: string): Promise<bigint> {
  e2e.chain.invalidate();
  return (await e2e.chain.balances(address)).find((c) => c.denom === "uact")?.amount ?? 0n;
}

export async function leasesOf(e2e: E2eNet, dseq: string): Promise<Lease[]> {
  e2e.chain.invalidate();
  return e2e.chain.leases(e2e.net.address, { dseq: BigInt(dseq) });
}

/**
 * GET /lease/<dseq>/<gseq>/<oseq>/manifest from the provider's gateway with the owner's JWT: what the provider
 * actually runs. The localnet gateway's certificate is self-signed, so TLS verification is off for this probe.
 */
export async function leaseManifestAtProvider(
  e2e: E2eNet,
  lease: { hostUri: string; provider: string; dseq: string; gseq: number; oseq: number },
): Promise<unknown> {
  const signer = await mnemonicSigner(e2e.net.mnemonic);
  const token = await createGatewayJwt(signer, { provider: lease.provider, scopes: ["get-manifest"] });
  const url = new URL(`/lease/${lease.dseq}/${lease.gseq}/${lease.oseq}/manifest`, lease.hostUri);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "GET", headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(JSON.parse(body))
            : reject(new Error(`GET ${url.pathname}: ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Terraform's human output must never carry a JS stack trace or a crash banner. */
export const STACK_TRACE = /panic|plugin crashed|\n\s+at .+:\d+:\d+|\.js:\d+/;
