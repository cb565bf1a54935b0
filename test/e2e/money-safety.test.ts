/**
 * Money safety with the real terraform binary against the localnet: whatever goes wrong once a deployment reached
 * the chain, the deployment ends up tracked by a state (or adopted, or listed by `akash-cdktf orphans`), never
 * silently left open with its escrow locked.
 *
 * Faults are injected with a small JSON-RPC proxy between the provider and the localnet node (defined below): it
 * can hide transaction results (the provider never learns its tx was included) or go down right after a
 * transaction was seen in a block.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { packageInfo } from "../../src/cli/package-info";
import {
  FileCreateJournal as CreateJournal,
  processStartTime,
  writerAlive,
} from "../../src/akash/adapters/journal/file-create-journal";
import { systemClock } from "../../src/akash/adapters/system-clock";
import type { CreateJournalEntry } from "../../src/akash/ports/create-journal";
import { explicitKeyHash, stackHash } from "../../src/akash/ports/deployment-identity";
import { silentLogger } from "../../src/framework/logger";
import { adoptAbandonedCreate } from "../../src/resources/deployment/crash-recovery";
import { compileSdl } from "../../src/sdl";
import type { TerraformResult } from "../support/terraform";
import { startE2eNet, STACK_TRACE, type E2eNet } from "./localnet-terraform";
import { deploymentsWithLeasesTf } from "./deployments-with-leases-tf";
import { eventually } from "../support/eventually";
import { webSdl } from "../support/web-sdl";
import { runProcess, type ProcessResult } from "../support/run-process";
import { alive, childrenOf, rpcProxy } from "./crash-helpers";
import { expectEmptyPlan, inWorkspace } from "./acceptance";

let e2e: E2eNet;
let stateDir: string;
/** A signing client of the test account, for deployments made outside terraform. */
let signing: CosmosChain;

const cli = join(packageInfo().root, "bin", "akash-cdktf.js");

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 300 });
  stateDir = mkdtempSync(join(tmpdir(), "akash-money-state-"));
  signing = await createCosmosChain({
    nodes: [e2e.net.node],
    mnemonic: e2e.net.mnemonic,
    pollIntervalMs: 100,
    batchWindowMs: 50,
  });
});

afterAll(async () => {
  await signing?.close();
  await e2e?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

// ---- helpers ----

/** The provider's crash journal lives here for every terraform run of this file. */
const journalEnv = () => ({ AKASH_CDKTF_STATE_DIR: stateDir });

function journalFiles(): string[] {
  const dir = join(stateDir, "journal", e2e.net.address);
  try {
    return readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
}

async function activeDseqs(): Promise<Set<string>> {
  e2e.chain.invalidate();
  const active = await e2e.chain.deployments(e2e.net.address, { state: "active" });
  return new Set(active.map((d) => d.id.dseq.toString()));
}

interface TrackedInstance {
  address: string;
  dseq: string;
  tainted: boolean;
}

/** akash_deployment instances of the workspace's terraform.tfstate, read straight from the file. */
function trackedDeployments(dir: string): TrackedInstance[] {
  let state: { resources?: { type: string; name: string; instances: unknown[] }[] };
  try {
    state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8"));
  } catch {
    return [];
  }
  const out: TrackedInstance[] = [];
  for (const r of state.resources ?? []) {
    if (r.type !== "akash_deployment") continue;
    for (const i of r.instances as {
      index_key?: number;
      status?: string;
      attributes: { dseq: string };
    }[]) {
      out.push({
        address: `${r.type}.${r.name}${i.index_key === undefined ? "" : `[${i.index_key}]`}`,
        dseq: i.attributes.dseq,
        tainted: i.status === "tainted",
      });
    }
  }
  return out;
}

const difference = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));

/** terraform in the background, for the tests that interrupt it. */
function startTerraform(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<TerraformResult> } {
  const child = spawn("terraform", [...args, "-no-color"], {
    cwd: dir,
    env: {
      ...e2e.sandbox.env,
      AKASH_NODE: e2e.net.node,
      AKASH_MNEMONIC: e2e.net.mnemonic,
      ...journalEnv(),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<TerraformResult>((resolve) =>
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })),
  );
  return { child, done };
}

const deploymentOnly = (sdlFile = "deploy.yaml") => `
resource "akash_deployment" "web" {
  sdl = file("\${path.module}/${sdlFile}")
}
`;

/** The real CLI. Asynchronous: the localnet runs in this process and must keep answering meanwhile. */
function orphans(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = { AKASH_NODE: e2e.net.node, AKASH_MNEMONIC: e2e.net.mnemonic },
): Promise<ProcessResult> {
  return runProcess(process.execPath, [cli, "orphans", ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env, ...journalEnv() },
  });
}

// ---- the journal itself (no terraform) ----

describe("create journal", () => {
  const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;

  function entry(over: Partial<CreateJournalEntry>): CreateJournalEntry {
    return {
      owner: "akash1owner",
      dseq: "100",
      hash: "ab".repeat(32),
      chainId: "test-1",
      height: "10",
      pid: process.pid,
      pidStart: processStartTime(process.pid),
      host: hostname(),
      cwd: process.cwd(),
      time: new Date().toISOString(),
      ...over,
    };
  }

  function plant(dir: string, e: CreateJournalEntry): void {
    const ownerDir = join(dir, e.owner);
    mkdirSync(ownerDir, { recursive: true });
    writeFileSync(join(ownerDir, `${e.dseq}.json`), JSON.stringify(e));
  }

  test("only entries of dead processes of this host, directory and chain are abandoned", () => {
    const dir = mkdtempSync(join(tmpdir(), "akash-journal-"));
    const journal = new CreateJournal(dir);
    journal.record({ owner: "akash1owner", dseq: 1n, hash: "ab".repeat(32), chainId: "test-1", height: 5n });
    const dead = deadPid();
    plant(dir, entry({ dseq: "2", pid: dead, pidStart: undefined }));
    plant(dir, entry({ dseq: "3", pid: dead, pidStart: undefined, host: "another-host" }));
    plant(dir, entry({ dseq: "4", pid: dead, pidStart: undefined, cwd: "/elsewhere" }));
    plant(dir, entry({ dseq: "5", pid: dead, pidStart: undefined, chainId: "other-chain" }));
    // Our own pid but another start time: the pid was reused, the writer is gone.
    plant(dir, entry({ dseq: "6", pid: process.ppid, pidStart: "1" }));
    expect(journal.entries("akash1owner").map((e) => e.dseq)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(journal.abandoned("akash1owner", "test-1").map((e) => e.dseq)).toEqual(["2", "6"]);
    expect(writerAlive(entry({ pid: process.pid }))).toBe(true);
    expect(writerAlive(entry({ pid: dead, host: "another-host" }))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  test("an abandoned entry is claimed exactly once and then belongs to the claimant", () => {
    const dir = mkdtempSync(join(tmpdir(), "akash-journal-"));
    const abandoned = entry({ dseq: "7", pid: deadPid(), pidStart: undefined });
    plant(dir, abandoned);
    const a = new CreateJournal(dir);
    const b = new CreateJournal(dir);
    expect(a.claim(abandoned)).toBe(true);
    expect(b.claim(abandoned)).toBe(false);
    const [owned] = a.entries("akash1owner");
    expect(owned?.pid).toBe(process.pid);
    expect(a.abandoned("akash1owner", "test-1")).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  test("shutdown clears this process's entries except those whose outcome terraform never learned", () => {
    const dir = mkdtempSync(join(tmpdir(), "akash-journal-"));
    const journal = new CreateJournal(dir);
    const base = { owner: "akash1owner", hash: "cd".repeat(32), chainId: "c", height: 1n };
    journal.record({ ...base, dseq: 11n });
    journal.record({ ...base, dseq: 12n });
    journal.record({ ...base, dseq: 13n });
    journal.markUnresolved("akash1owner", 12n);
    journal.forget("akash1owner", 13n);
    plant(dir, entry({ dseq: "14", pid: deadPid(), pidStart: undefined }));
    journal.clearOwnEntries();
    expect(journal.entries("akash1owner").map((e) => e.dseq)).toEqual(["12", "14"]);
    rmSync(dir, { recursive: true, force: true });
  });

  test("a create that never reached the chain is dropped after a few blocks; a closed one at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akash-journal-"));
    const journal = new CreateJournal(dir);
    const owner = e2e.net.address;
    const chainId = await e2e.chain.chainId();
    const sdl = compileSdl(webSdl({ image: "nginx:journal" }));
    const height = await e2e.chain.latestHeight();
    // Created and then closed on chain by a process that is gone.
    const dseq = height + 1_000_000n;
    await signing.transactions!.submit({
      kind: "createDeployment",
      owner,
      dseq,
      groups: sdl.groupSpecsGoJson,
      hash: sdl.hash,
      deposit: { denom: "uact", amount: 5_000_000n },
    });
    await signing.transactions!.submit({ kind: "closeDeployment", owner, dseq });
    const dead = deadPid();
    const common = { owner, chainId, hash: sdl.hashHex, pid: dead, pidStart: undefined, cwd: process.cwd() };
    plant(dir, entry({ ...common, dseq: dseq.toString(), height: height.toString() }));
    plant(dir, entry({ ...common, dseq: "42", height: (await e2e.chain.latestHeight()).toString() }));
    const started = Date.now();
    const adopted = await adoptAbandonedCreate({ journal, clock: systemClock }, e2e.chain, {
      owner,
      chainId,
      hash: sdl.hashHex,
      signal: new AbortController().signal,
      log: silentLogger,
    });
    expect(adopted).toBeUndefined();
    expect(journal.entries(owner)).toEqual([]);
    // It waited for the never-broadcast entry's grace (5 blocks of 300 ms), not much longer.
    expect(Date.now() - started).toBeLessThan(6_000);
    rmSync(dir, { recursive: true, force: true });
  });
});

// ---- through terraform ----

describe("through terraform", () => {
  test("a failure after the deployment reached the chain keeps it in state (tainted); the next apply replaces it", async () => {
    const proxy = await rpcProxy(e2e.net.node);
    try {
      const dir = await e2e.workspace(deploymentOnly(), {
        "deploy.yaml": webSdl({ image: "nginx:partial" }),
      });
      proxy.mode = "down-after-inclusion";
      const failed = await e2e.tf(dir, ["apply", "-auto-approve"], {
        ...journalEnv(),
        AKASH_NODE: proxy.url,
      });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("No Akash node answered");
      expect(failed.stderr).not.toMatch(STACK_TRACE);

      const [kept] = trackedDeployments(dir);
      expect(kept).toMatchObject({ address: "akash_deployment.web", tainted: true });
      expect(await activeDseqs()).toContain(kept!.dseq);

      proxy.mode = "pass";
      const plan = await e2e.tf(dir, ["plan"], journalEnv());
      expect(plan.stdout).toContain("is tainted, so must be replaced");
      const replaced = await e2e.tf(dir, ["apply", "-auto-approve"], journalEnv());
      expect(replaced.code).toBe(0);
      const [now] = trackedDeployments(dir);
      expect(now!.tainted).toBe(false);
      expect(now!.dseq).not.toBe(kept!.dseq);
      const active = await activeDseqs();
      expect(active).not.toContain(kept!.dseq); // the tainted one was closed (refunded)
      expect(active).toContain(now!.dseq);
      await expectEmptyPlan(inWorkspace(e2e, dir, journalEnv()), "the replacing apply");

      expect((await e2e.tf(dir, ["destroy", "-auto-approve"], journalEnv())).code).toBe(0);
      expect(journalFiles()).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  test("Ctrl-C while waiting for inclusion keeps the deployment that landed", async () => {
    const proxy = await rpcProxy(e2e.net.node);
    try {
      const dir = await e2e.workspace(deploymentOnly(), {
        "deploy.yaml": webSdl({ image: "nginx:interrupt" }),
      });
      const before = await activeDseqs();
      proxy.mode = "hide-tx-results";
      const run = startTerraform(dir, ["apply", "-auto-approve"], { AKASH_NODE: proxy.url });
      const landed = await eventually("the deployment to land", async () => {
        const fresh = difference(await activeDseqs(), before);
        return fresh.size > 0 ? [...fresh] : undefined;
      });
      run.child.kill("SIGINT");
      const result = await run.done;
      expect(result.code).toBe(1);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      const tracked = trackedDeployments(dir);
      expect(tracked.map((t) => t.dseq)).toEqual(landed);

      proxy.mode = "pass";
      expect((await e2e.tf(dir, ["destroy", "-auto-approve"], journalEnv())).code).toBe(0);
      expect(await activeDseqs()).not.toContain(landed[0]);
    } finally {
      await proxy.close();
    }
  });

  test("after a SIGKILL of terraform mid-apply, the next apply adopts what landed: nothing untracked stays open", async () => {
    const proxy = await rpcProxy(e2e.net.node);
    const providerPids: number[] = [];
    try {
      const dir = await e2e.workspace(deploymentsWithLeasesTf(2), {
        "deploy.yaml": webSdl({ image: "nginx:kill" }),
      });
      const before = await activeDseqs();
      // Hide inclusion from the provider so terraform is certainly killed between broadcast and state write.
      proxy.mode = "hide-tx-results";
      const run = startTerraform(dir, ["apply", "-auto-approve"], { AKASH_NODE: proxy.url });
      await eventually("a deployment on chain", async () =>
        difference(await activeDseqs(), before).size > 0 ? true : undefined,
      );
      providerPids.push(...childrenOf(run.child.pid!));
      expect(providerPids.length).toBeGreaterThan(0);
      run.child.kill("SIGKILL");
      await run.done;
      expect(journalFiles().length).toBeGreaterThan(0);
      // The orphaned provider notices terraform is gone and exits by itself.
      await eventually("the provider process to exit", async () =>
        providerPids.every((pid) => !alive(pid)) ? true : undefined,
      );
      expect(trackedDeployments(dir)).toEqual([]); // terraform never wrote them down

      const again = await e2e.tf(dir, ["apply", "-auto-approve"], { ...journalEnv(), TF_LOG: "WARN" });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain("adopting a deployment created by an interrupted terraform run");
      const tracked = new Set(trackedDeployments(dir).map((t) => t.dseq));
      expect(tracked.size).toBe(2);
      // Exactly what the state tracks is open on the account: no second deployment, no orphan.
      expect(difference(await activeDseqs(), before)).toEqual(tracked);
      expect(journalFiles()).toEqual([]);
      await expectEmptyPlan(inWorkspace(e2e, dir, journalEnv()), "the adopting apply");

      expect((await e2e.tf(dir, ["destroy", "-auto-approve"], journalEnv())).code).toBe(0);
      expect(difference(await activeDseqs(), before)).toEqual(new Set());
    } finally {
      for (const pid of providerPids) if (alive(pid)) process.kill(pid, "SIGKILL");
      await proxy.close();
    }
  });
});

describe("a lease created by a killed terraform", () => {
  test("is adopted by the next apply: one lease per group, services running, plan clean", async () => {
    const providerPids: number[] = [];
    try {
      const dir = await e2e.workspace(deploymentsWithLeasesTf(1), {
        "deploy.yaml": webSdl({ image: "nginx:lease-kill" }),
      });
      const before = await activeDseqs();
      // Providers accept the manifest PUT and never answer: terraform is certainly still busy with the lease
      // (created on chain, not yet in state) when it is killed.
      e2e.net.faults.set({ providers: { "*": { gateway: { timeout: true } } } });
      const run = startTerraform(dir, ["apply", "-auto-approve"], {});
      const dseq = await eventually(
        "a lease on chain",
        async () => {
          for (const d of difference(await activeDseqs(), before)) {
            e2e.chain.invalidate();
            if ((await e2e.chain.leases(e2e.net.address, { dseq: BigInt(d) })).length > 0) return d;
          }
          return undefined;
        },
        { timeoutMs: 60_000 },
      );
      providerPids.push(...childrenOf(run.child.pid!));
      run.child.kill("SIGKILL");
      await run.done;
      e2e.net.faults.clear();
      await eventually("the provider process to exit", async () =>
        providerPids.every((pid) => !alive(pid)) ? true : undefined,
      );

      const again = await e2e.tf(dir, ["apply", "-auto-approve"], { ...journalEnv(), TF_LOG: "WARN" });
      expect(again.code).toBe(0);
      expect(again.stderr).not.toMatch(STACK_TRACE);
      expect(again.stderr).toContain("adopting an existing lease of this group");
      // The same deployment, and still exactly one lease for its group: the adopted one.
      const tracked = trackedDeployments(dir);
      expect(tracked.map((t) => t.dseq)).toEqual([dseq]);
      expect(difference(await activeDseqs(), before)).toEqual(new Set([dseq]));
      e2e.chain.invalidate();
      const leases = await e2e.chain.leases(e2e.net.address, { dseq: BigInt(dseq) });
      expect(leases.map((l) => l.state)).toEqual(["active"]);
      const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as {
        resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[];
      };
      const lease = state.resources.find((r) => r.type === "akash_lease")!.instances[0]!.attributes;
      expect(lease).toMatchObject({
        dseq,
        oseq: leases[0]!.id.oseq,
        provider_address: leases[0]!.id.provider,
      });
      expect((lease.services as { available: number }[])[0]?.available).toBe(1);
      expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"], journalEnv())).code).toBe(0);

      expect((await e2e.tf(dir, ["destroy", "-auto-approve"], journalEnv())).code).toBe(0);
      expect(difference(await activeDseqs(), before)).toEqual(new Set());
    } finally {
      e2e.net.faults.clear();
      for (const pid of providerPids) if (alive(pid)) process.kill(pid, "SIGKILL");
    }
  });
});

describe("adoption never takes a deployment a state already tracks", () => {
  test("an entry left for a tracked deployment is resolved by the refresh, so a new instance gets its own", async () => {
    const dir = await e2e.workspace(deploymentOnly().replace("sdl =", "count = 1\n  sdl ="), {
      "deploy.yaml": webSdl({ image: "nginx:tracked" }),
    });
    expect((await e2e.tf(dir, ["apply", "-auto-approve"], journalEnv())).code).toBe(0);
    const [first] = trackedDeployments(dir);
    // As if terraform had written the state and then been killed before shutting the provider down.
    const sdl = compileSdl(webSdl({ image: "nginx:tracked" }));
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const leftOver: CreateJournalEntry = {
      owner: e2e.net.address,
      dseq: first!.dseq,
      hash: sdl.hashHex,
      chainId: await e2e.chain.chainId(),
      height: (await e2e.chain.latestHeight()).toString(),
      pid: dead,
      host: hostname(),
      cwd: dir,
      time: new Date().toISOString(),
    };
    mkdirSync(join(stateDir, "journal", e2e.net.address), { recursive: true });
    writeFileSync(
      join(stateDir, "journal", e2e.net.address, `${first!.dseq}.json`),
      JSON.stringify(leftOver),
    );

    writeFileSync(
      join(dir, "main.tf"),
      readFileSync(join(dir, "main.tf"), "utf8").replace("count = 1", "count = 2"),
    );
    const grown = await e2e.tf(dir, ["apply", "-auto-approve"], { ...journalEnv(), TF_LOG: "WARN" });
    expect(grown.code).toBe(0);
    expect(grown.stderr).not.toContain("adopting a deployment");
    const dseqs = trackedDeployments(dir).map((t) => t.dseq);
    expect(new Set(dseqs).size).toBe(2);
    expect(dseqs).toContain(first!.dseq);
    expect(journalFiles()).toEqual([]);
    await expectEmptyPlan(inWorkspace(e2e, dir, journalEnv()), "the growing apply");

    // `orphans --terraform DIR` reads the same state through `terraform show -json`: both are tracked.
    const viaTerraform = await orphans(dir, ["--terraform", dir, "--json"], {
      ...e2e.sandbox.env,
      AKASH_NODE: e2e.net.node,
      AKASH_MNEMONIC: e2e.net.mnemonic,
    });
    expect(viaTerraform.code).toBe(0);
    const listed = (JSON.parse(viaTerraform.stdout) as { orphans: { dseq: string }[] }).orphans.map(
      (o) => o.dseq,
    );
    for (const dseq of dseqs) expect(listed).not.toContain(dseq);

    expect((await e2e.tf(dir, ["destroy", "-auto-approve"], journalEnv())).code).toBe(0);
  });
});

// ---- akash-cdktf orphans ----

describe("akash-cdktf orphans", () => {
  test("lists the deployments no state tracks with their stack; --close closes this stack's, --all-stacks the rest", async () => {
    const owner = e2e.net.address;
    const sdl = compileSdl(webSdl({ image: "nginx:orphans" }));
    const base = await e2e.chain.latestHeight();
    const trackedDseq = base + 2_000_000n;
    const orphanDseq = trackedDseq + 1n;
    const otherStackDseq = trackedDseq + 2n;
    const foreignDseq = trackedDseq + 3n;
    const thisStack = stackHash(owner, undefined);
    const identities = new Map([
      [trackedDseq, { stack: thisStack, key: explicitKeyHash("web") }],
      [orphanDseq, { stack: thisStack, key: explicitKeyHash("api") }],
      [otherStackDseq, { stack: stackHash(owner, "other"), key: explicitKeyHash("api") }],
    ]);
    // Submitted together: one transaction whose memo names the three identified creates in message order.
    await Promise.all(
      [trackedDseq, orphanDseq, otherStackDseq, foreignDseq].map((dseq) =>
        signing.transactions!.submit({
          kind: "createDeployment",
          owner,
          dseq,
          groups: sdl.groupSpecsGoJson,
          hash: sdl.hash,
          deposit: { denom: "uact", amount: 5_000_000n },
          ...(identities.has(dseq) ? { identity: identities.get(dseq)! } : {}),
        }),
      ),
    );
    // A CDKTF-style stack state in the current directory tracks one of them.
    const cwd = mkdtempSync(join(tmpdir(), "akash-orphans-"));
    writeFileSync(
      join(cwd, "terraform.web-stack.tfstate"),
      JSON.stringify({
        version: 4,
        resources: [
          {
            mode: "managed",
            type: "akash_deployment",
            name: "web",
            instances: [{ attributes: { owner, dseq: trackedDseq.toString() } }],
          },
        ],
      }),
    );

    const listed = await orphans(cwd, ["--json"]);
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    const report = JSON.parse(listed.stdout) as {
      stack: string;
      orphans: { dseq: string; createdBy?: { stack: string; key: string; currentStack: boolean } }[];
      sources: string[];
    };
    expect(report.stack).toBe(thisStack);
    expect(report.sources).toEqual([join(cwd, "terraform.web-stack.tfstate")]);
    const byDseq = new Map(report.orphans.map((o) => [o.dseq, o]));
    expect(byDseq.has(trackedDseq.toString())).toBe(false);
    expect(byDseq.get(orphanDseq.toString())?.createdBy).toEqual({
      stack: thisStack,
      key: explicitKeyHash("api"),
      currentStack: true,
    });
    expect(byDseq.get(otherStackDseq.toString())?.createdBy).toEqual({
      stack: stackHash(owner, "other"),
      key: explicitKeyHash("api"),
      currentStack: false,
    });
    expect(byDseq.get(foreignDseq.toString())).toBeDefined();
    expect(byDseq.get(foreignDseq.toString())?.createdBy).toBeUndefined();

    const human = await orphans(cwd, []);
    expect(human.stdout).toContain(`dseq ${orphanDseq}`);
    expect(human.stdout).toMatch(new RegExp(`dseq ${orphanDseq} .*stack: this one`));
    expect(human.stdout).toMatch(new RegExp(`dseq ${foreignDseq} .*not created by akash-cdktf`));
    expect(human.stdout).toContain("--close");

    const balanceBefore = (await e2e.chain.balances(owner)).find((c) => c.denom === "uact")!.amount;
    const closed = await orphans(cwd, ["--close", "--json"]);
    expect(closed.code).toBe(0);
    const closedNow = (JSON.parse(closed.stdout) as { closed: string[] }).closed;
    expect(closedNow).toContain(orphanDseq.toString());
    expect(closedNow).not.toContain(otherStackDseq.toString());
    expect(closedNow).not.toContain(foreignDseq.toString());
    let active = await activeDseqs();
    expect(active).not.toContain(orphanDseq.toString());
    expect(active).toContain(trackedDseq.toString());
    expect(active).toContain(otherStackDseq.toString());
    expect(active).toContain(foreignDseq.toString());
    e2e.chain.invalidate();
    const balanceAfter = (await e2e.chain.balances(owner)).find((c) => c.denom === "uact")!.amount;
    expect(balanceAfter).toBeGreaterThanOrEqual(balanceBefore + 5_000_000n); // the deposit came back (no lease)

    // The other stack's, named: its orphan is closed, the foreign one is not.
    const other = await orphans(cwd, ["--close", "--stack", "other", "--json"]);
    expect((JSON.parse(other.stdout) as { closed: string[] }).closed).toEqual([otherStackDseq.toString()]);
    const all = await orphans(cwd, ["--close", "--all-stacks", "--json"]);
    expect((JSON.parse(all.stdout) as { closed: string[] }).closed).toContain(foreignDseq.toString());
    active = await activeDseqs();
    expect(active).not.toContain(foreignDseq.toString());
    expect(active).toContain(trackedDseq.toString());

    expect(JSON.parse((await orphans(cwd, ["--json"])).stdout).orphans).toEqual([]);
    await signing.transactions!.submit({ kind: "closeDeployment", owner, dseq: trackedDseq });
    rmSync(cwd, { recursive: true, force: true });
  });

  test("refuses to --close without any state, and explains missing settings", async () => {
    const empty = mkdtempSync(join(tmpdir(), "akash-orphans-empty-"));
    const refused = await orphans(empty, ["--close"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("no Terraform state found");
    const noNode = await orphans(empty, [], {});
    expect(noNode.code).toBe(2);
    expect(noNode.stderr).toContain("AKASH_NODE");
    expect(noNode.stderr).not.toMatch(STACK_TRACE);
    // Listing needs no key: --owner is enough.
    const readOnly = await orphans(empty, ["--owner", e2e.net.address, "--json"], {
      AKASH_NODE: e2e.net.node,
    });
    expect(readOnly.code).toBe(0);
    expect(JSON.parse(readOnly.stdout)).toMatchObject({ owner: e2e.net.address, sources: [] });
    const badOwner = await orphans(empty, ["--owner", "../../etc"], { AKASH_NODE: e2e.net.node });
    expect(badOwner.code).toBe(2);
    expect(badOwner.stderr).toContain("not an account address");
    rmSync(empty, { recursive: true, force: true });
  });
});
