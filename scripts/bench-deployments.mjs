// Deployments benchmark (part of `npm run bench`, or alone: `node scripts/bench-deployments.mjs` after a build).
//
// Against a localnet at 1 s blocks, `terraform apply` of N = 1, 10, 20, 100, 200 deployments, each with its lease
// (at -parallelism=N, at most 50), then `terraform plan` (refresh) of the 20. Reported per N: wall time, blocks the
// apply spanned, transactions broadcast, blocks holding our create-deployment / create-lease transactions (and the
// height span from the first to the last), chain RPC requests (in all and per lease), the provider process's peak
// RSS, and for the plan the number of chain RPC requests. Targets: N = 20 creates and leases in <= 6 blocks; plan
// of 20 <= 10 requests.
//
// The provider reaches the node through a small counting proxy (below), so requests and broadcasts are counted
// from the outside, exactly as a node operator would see them.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setInterval, clearInterval } from "node:timers";
import { fileURLToPath } from "node:url";
import { cometRpc, ourTransactions } from "./our-transactions.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const cli = join(root, "bin", "akash-cdktf.js");
const BLOCK_TIME_MS = 1000;
const SIZES = (process.env.BENCH_DEPLOYMENTS ?? "1,10,20,100,200").split(",").map(Number);
/** The size the block and plan targets are about. */
const TARGET_N = 20;
/** Large applies run at -parallelism=50, as users running many leases do (terraform's default is 10). */
const MAX_PARALLELISM = 50;
const TARGET_BLOCKS = 6;
const TARGET_PLAN_REQUESTS = 10;

/** Starts `akash-cdktf localnet start --json` and resolves with its ready line. */
function startLocalnet(dataDir) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        "localnet",
        "start",
        "--json",
        "--port",
        "0",
        "--block-time",
        String(BLOCK_TIME_MS),
        "--data-dir",
        dataDir,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line && out.includes("\n")) resolvePromise({ child, ...JSON.parse(line) });
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`localnet exited ${code} before it was ready: ${err}`)));
  });
}

function stopProcess(child) {
  return new Promise(
    /** @param {(value?: unknown) => void} resolvePromise */ (resolvePromise) => {
      if (child.exitCode !== null) return resolvePromise();
      child.once("exit", () => resolvePromise());
      child.kill("SIGTERM");
    },
  );
}

/** A JSON-RPC proxy that counts requests per method. */
async function countingProxy(target) {
  const counts = new Map();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    const forward = async () => {
      let method = "?";
      try {
        const call = JSON.parse(body);
        method = Array.isArray(call) ? `batch(${call.length})` : call.method;
        // Which query: the path says what the provider asked for (e.g. /akash.deployment.v1beta4.Query/Deployments).
        if (method === "abci_query" && call.params?.path) method = `abci_query ${call.params.path}`;
      } catch {
        // Not JSON-RPC (e.g. a health probe): counted under its plain method.
      }
      counts.set(method, (counts.get(method) ?? 0) + 1);
      try {
        const upstream = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        res.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
      } catch {
        res.writeHead(502).end();
      }
    };
    req.on("end", () => void forward());
  });
  await new Promise((r) => void server.listen(0, "127.0.0.1", () => r(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    reset: () => counts.clear(),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byMethod: () => Object.fromEntries([...counts.entries()].sort()),
    broadcasts: () =>
      [...counts.entries()].filter(([m]) => m.startsWith("broadcast_tx")).reduce((a, [, n]) => a + n, 0),
    close: () =>
      new Promise(
        /** @param {(value?: unknown) => void} r */ (r) => {
          server.closeAllConnections();
          server.close(() => r());
        },
      ),
  };
}

/** Process ids of `pid`'s descendants (the provider runs as terraform's child or grandchild). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

/** The peak resident set (VmHWM) of a process, in MiB; undefined when it is gone. */
function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    const name = /Name:\s+(\S+)/.exec(status)?.[1];
    return kb && name !== "terraform" ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples the peak RSS of the non-terraform processes terraform starts (our provider) until stopped; Linux only
 * (elsewhere it reports null).
 */
function providerRssSampler(terraformPid) {
  let peak = 0;
  const timer = setInterval(() => {
    for (const pid of descendants(terraformPid)) peak = Math.max(peak, peakRssMb(pid) ?? 0);
  }, 250);
  return () => {
    clearInterval(timer);
    return peak > 0 ? +peak.toFixed(1) : null;
  };
}

const latestHeight = async (node) =>
  Number(
    /** @type {{ sync_info: { latest_block_height: string } }} */ (await cometRpc(node, "status", {}))
      .sync_info.latest_block_height,
  );

function terraform(dir, args, env) {
  return new Promise((resolvePromise) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("terraform", [...args, "-no-color"], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stopSampling = process.platform === "linux" ? providerRssSampler(child.pid) : () => null;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) =>
      resolvePromise({
        code,
        stdout,
        stderr,
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
        providerPeakRssMb: stopSampling(),
      }),
    );
  });
}

const config = (n) => `
terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash" }
  }
}
provider "akash" {}

resource "akash_deployment" "web" {
  count = ${n}
  sdl   = file("\${path.module}/deploy.yaml")
}

resource "akash_lease" "web" {
  count    = ${n}
  dseq     = akash_deployment.web[count.index].dseq
  manifest = akash_deployment.web[count.index].manifest_json
  bid_policy {
    max_price = { uact = "1000" }
  }
}
`;

function check(result, what) {
  if (result.code !== 0)
    throw new Error(`${what} failed (exit ${result.code}):\n${result.stderr.slice(-3000)}`);
  return result;
}

export async function deploymentsBench() {
  const work = mkdtempSync(join(tmpdir(), "akash-bench-deployments-"));
  const home = join(work, "home");
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, "empty.tfrc"), "");
  const baseEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TF_CLI_CONFIG_FILE: join(home, "empty.tfrc"),
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    AKASH_CDKTF_STATE_DIR: join(work, "akash-state"),
  };
  const install = spawnSync(process.execPath, [cli, "install"], { env: baseEnv, encoding: "utf8" });
  if (install.status !== 0) throw new Error(`akash-cdktf install failed: ${install.stderr}`);

  const net = await startLocalnet(join(work, "localnet"));
  const proxy = await countingProxy(net.node);
  const env = { ...baseEnv, AKASH_NODE: proxy.url, AKASH_MNEMONIC: net.mnemonic };
  const applies = [];
  let plan;
  try {
    for (const n of SIZES) {
      const dir = join(work, `n${n}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "main.tf"), config(n));
      writeFileSync(join(dir, "deploy.yaml"), readFileSync(join(root, "examples", "hcl", "deploy.yaml")));
      check(await terraform(dir, ["init"], env), "terraform init");

      const parallelism = Math.min(n, MAX_PARALLELISM);
      const startHeight = await latestHeight(net.node);
      proxy.reset();
      const apply = check(
        await terraform(dir, ["apply", "-auto-approve", `-parallelism=${parallelism}`], env),
        "apply",
      );
      const endHeight = await latestHeight(net.node);
      const broadcasts = proxy.broadcasts();
      const applyRequests = proxy.total();
      const txs = await ourTransactions(net.node, net.address, startHeight);
      const createOrLease = txs.filter((t) =>
        t.actions.some((a) => a.endsWith("MsgCreateDeployment") || a.endsWith("MsgCreateLease")),
      );
      const heights = [...new Set(createOrLease.map((t) => t.height))].sort((a, b) => a - b);
      applies.push({
        n,
        parallelism,
        wallMs: Math.round(apply.ms),
        blocksSpanned: endHeight - startHeight,
        txsSent: broadcasts,
        txsIncluded: txs.length,
        txsFailed: txs.filter((t) => t.code !== 0).length,
        messages: txs.reduce((m, t) => m + t.actions.length, 0),
        blocksWithCreateLeaseTxs: heights.length,
        createLeaseHeightSpan: heights.length > 0 ? (heights.at(-1) ?? 0) - heights[0] + 1 : 0,
        rpcRequests: applyRequests,
        rpcRequestsPerLease: +(applyRequests / n).toFixed(1),
        ordersReplaced: txs.reduce(
          (m, t) => m + t.actions.filter((a) => a.endsWith("MsgPauseGroup")).length,
          0,
        ),
        providerPeakRssMb: apply.providerPeakRssMb,
      });

      if (n === (SIZES.includes(TARGET_N) ? TARGET_N : Math.max(...SIZES))) {
        proxy.reset();
        const refreshed = check(await terraform(dir, ["plan", "-detailed-exitcode"], env), "plan");
        plan = {
          n,
          wallMs: Math.round(refreshed.ms),
          rpcRequests: proxy.total(),
          byMethod: proxy.byMethod(),
          noChanges: refreshed.code === 0,
          target: TARGET_PLAN_REQUESTS,
          met: proxy.total() <= TARGET_PLAN_REQUESTS,
        };
      }
      check(
        await terraform(dir, ["destroy", "-auto-approve", `-parallelism=${parallelism}`], env),
        "destroy",
      );
    }
  } finally {
    await proxy.close();
    await stopProcess(net.child);
    rmSync(work, { recursive: true, force: true });
  }
  const largest = applies.find((a) => a.n === TARGET_N) ?? applies.at(-1);
  return {
    blockTimeMs: BLOCK_TIME_MS,
    applies,
    plan,
    targets: {
      createLeaseBlocks: {
        n: largest?.n,
        target: TARGET_BLOCKS,
        blocks: largest?.blocksWithCreateLeaseTxs,
        met: (largest?.blocksWithCreateLeaseTxs ?? Infinity) <= TARGET_BLOCKS,
      },
      planRequests: { n: plan?.n, target: TARGET_PLAN_REQUESTS, requests: plan?.rpcRequests, met: plan?.met },
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await deploymentsBench(), null, 2));
}
