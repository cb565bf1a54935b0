/**
 * Crash recovery that does not depend on the machine that crashed: two checkouts of one configuration, each with
 * its own HOME (so its own plugin dir and create journal), share terraform's `pg` backend on a throwaway
 * PostgreSQL. Runner A is SIGKILLed after its deployments reached the chain but before its state knew them;
 * runner B's apply finds them on chain by the identity their create memos carry and adopts them: nothing stays
 * untracked, nothing is created twice.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageInfo } from "../../src/cli/package-info";
import { eventually } from "../support/eventually";
import { runProcess } from "../support/run-process";
import { terraformSandbox, type TerraformSandbox } from "../support/terraform";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../support/throwaway-postgres";
import { webSdl } from "../support/web-sdl";
import { alive, childrenOf, rpcProxy } from "./crash-helpers";
import { PROVIDER_BLOCK, startE2eNet, stateResources, type E2eNet } from "./localnet-terraform";

let e2e: E2eNet;
let pg: ThrowawayPostgres;
const cli = join(packageInfo().root, "bin", "akash-cdktf.js");
const cleanup: string[] = [];

beforeAll(async () => {
  pg = await startThrowawayPostgres();
  e2e = await startE2eNet({ blockTimeMs: 300 });
});

afterAll(async () => {
  await e2e?.stop();
  pg?.stop();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** Two instances of one SDL, told apart by create_key: what a CI configuration looks like. */
const CONFIG = `
terraform {
  backend "pg" {}
}
resource "akash_deployment" "web" {
  count      = 2
  sdl        = file("\${path.module}/deploy.yaml")
  create_key = "web-\${count.index}"
}
`;

interface Runner {
  dir: string;
  sandbox: TerraformSandbox;
  env: NodeJS.ProcessEnv;
}

/** A checkout of the configuration with its own HOME (provider installed there), initialized against `pg`. */
async function runner(name: string, node: string): Promise<Runner> {
  const sandbox = terraformSandbox();
  cleanup.push(sandbox.home);
  const install = spawnSync(process.execPath, [cli, "install"], { env: sandbox.env, encoding: "utf8" });
  if (install.status !== 0) throw new Error(`akash-cdktf install failed: ${install.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), `akash-checkout-${name}-`));
  cleanup.push(dir);
  writeFileSync(join(dir, "main.tf"), PROVIDER_BLOCK + CONFIG);
  writeFileSync(join(dir, "deploy.yaml"), webSdl({ image: "nginx:shared-state" }));
  const env = { AKASH_NODE: node, AKASH_MNEMONIC: e2e.net.mnemonic, PG_CONN_STR: pg.url };
  const init = await sandbox.run(dir, ["init", "-no-color"], env);
  if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}`);
  return { dir, sandbox, env };
}

async function activeDseqs(): Promise<Set<string>> {
  e2e.chain.invalidate();
  const active = await e2e.chain.deployments(e2e.net.address, { state: "active" });
  return new Set(active.map((d) => d.id.dseq.toString()));
}

const difference = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));

function journalFiles(home: string): string[] {
  try {
    return readdirSync(join(home, ".akash-cdktf", "journal", e2e.net.address));
  } catch {
    return [];
  }
}

test("runner B adopts what killed runner A created: 0 untracked, 0 duplicates, one shared state", async () => {
  const proxy = await rpcProxy(e2e.net.node);
  const providerPids: number[] = [];
  try {
    const a = await runner("a", proxy.url);
    const b = await runner("b", e2e.net.node);
    const before = await activeDseqs();

    // A never learns its transaction was included, so it is certainly killed between broadcast and state write.
    proxy.mode = "hide-tx-results";
    const child = spawn("terraform", ["apply", "-auto-approve", "-no-color"], {
      cwd: a.dir,
      env: { ...a.sandbox.env, ...a.env },
      stdio: "ignore",
    });
    const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
    await eventually("runner A's two deployments on chain", async () =>
      difference(await activeDseqs(), before).size === 2 ? true : undefined,
    );
    providerPids.push(...childrenOf(child.pid!));
    expect(providerPids.length).toBeGreaterThan(0);
    child.kill("SIGKILL");
    await exited;
    await eventually("runner A's provider to exit", async () =>
      providerPids.every((pid) => !alive(pid)) ? true : undefined,
    );
    const created = difference(await activeDseqs(), before);
    expect(journalFiles(a.sandbox.home).length).toBeGreaterThan(0); // only A's machine has a journal
    expect(journalFiles(b.sandbox.home)).toEqual([]);
    // The shared state never heard of them (the pg lock died with A's connection).
    const show = await b.sandbox.run(b.dir, ["show", "-json", "-no-color"], b.env);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).values?.root_module?.resources ?? []).toEqual([]);

    const applied = await b.sandbox.run(b.dir, ["apply", "-auto-approve", "-no-color"], {
      ...b.env,
      TF_LOG: "WARN",
    });
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain("adopting a deployment of this stack and resource found on chain");
    const tracked = new Set(
      (await stateResources({ ...e2e, tf: (dir, args) => b.sandbox.run(dir, args, b.env) }, b.dir))
        .filter((r) => r.address.startsWith("akash_deployment.web"))
        .map((r) => String(r.values.dseq)),
    );
    expect(tracked).toEqual(created); // adopted, not created again
    expect(difference(await activeDseqs(), before)).toEqual(tracked); // 0 duplicates, 0 untracked

    // B's view and `orphans` agree: nothing of this stack is untracked.
    const listed = await runProcess(process.execPath, [cli, "orphans", "--terraform", b.dir, "--json"], {
      cwd: b.dir,
      env: { ...b.sandbox.env, ...b.env },
    });
    expect(listed.code).toBe(0);
    const orphans = (JSON.parse(listed.stdout) as { orphans: { dseq: string }[] }).orphans.map((o) => o.dseq);
    for (const dseq of created) expect(orphans).not.toContain(dseq);

    // A's checkout reads the same state: nothing left to do there either.
    proxy.mode = "pass";
    const planA = await a.sandbox.run(a.dir, ["plan", "-detailed-exitcode", "-no-color"], a.env);
    expect(planA.code).toBe(0);

    const destroyed = await b.sandbox.run(b.dir, ["destroy", "-auto-approve", "-no-color"], b.env);
    expect(destroyed.code).toBe(0);
    expect(difference(await activeDseqs(), before)).toEqual(new Set());
  } finally {
    for (const pid of providerPids) if (alive(pid)) process.kill(pid, "SIGKILL");
    await proxy.close();
  }
});
