// The release's self-contained executable (Node single executable application) against the provider as installed
// today (dist/provider/main.mjs behind `node`): time from spawn to the go-plugin handshake line, and resident memory
// then, with AutoMTLS as terraform launches it. The current provider is timed on this machine's Node and on the
// Node the executable embeds, so the runtime and the packaging can be told apart.
//
//   node scripts/bench-sea.mjs     (npm run bench includes it)
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clientCert, median, PLUGIN_ENV } from "./bench-handshake.mjs";
import { nodeBinary, SEA_NODE_VERSION } from "./node-runtime.mjs";
import { bundleProviderForSea, buildSeaExecutable, TARGETS } from "./release-sea.mjs";
import { root } from "./run-ts-entry.mjs";

/** Milliseconds from spawning `command args` to its first stdout line, and its RSS (MB) at that moment. */
function timeHandshake(command, args, env) {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "ignore"] });
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      if (!buf.includes("\n")) return;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssMb;
      try {
        rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1]) / 1024;
      } catch {
        // The process already exited: no RSS to read.
      }
      // SIGTERM: the provider removes its socket file on the way out.
      child.once("exit", () => res({ ms, rssMb }));
      child.kill("SIGTERM");
    });
    child.on("exit", (code) => {
      if (!buf.includes("\n")) rej(new Error(`${command} exited ${code} before the handshake`));
    });
  });
}

const summary = (xs) => +median(xs).toFixed(1);

export async function seaHandshakeBench(runs = Number(process.env.BENCH_RUNS ?? 15)) {
  const host = TARGETS.find((t) => t.nodePackage === `node-${process.platform}-${process.arch}`);
  if (!host) return { skipped: `no release target runs on ${process.platform}-${process.arch}` };
  const work = mkdtempSync(join(tmpdir(), "akash-bench-sea-"));
  try {
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
    const bundle = join(work, "provider.cjs");
    await bundleProviderForSea(root, bundle, version);
    const exe = join(work, "terraform-provider-akash");
    await buildSeaExecutable({ target: host, bundle, workDir: work, outFile: exe, blobs: {} });
    const cert = clientCert(work);
    const env = { PATH: "/nonexistent", ...PLUGIN_ENV, ...(cert ? { PLUGIN_CLIENT_CERT: cert } : {}) };
    const current = join(root, "dist", "provider", "main.mjs");
    const node22 = nodeBinary(host.nodePackage, SEA_NODE_VERSION);
    const subjects = {
      currentMachineNode: [process.execPath, [current]],
      currentSameNode: [node22, [current]],
      sea: [exe, []],
    };
    /** @type {Record<string, number[]>} */
    const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
    /** @type {Record<string, number[]>} */
    const rss = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
    for (const [command, args] of Object.values(subjects)) await timeHandshake(command, args, env); // warm caches
    // Interleaved, so a busy moment of the machine hits every subject alike.
    for (let i = 0; i < runs; i++) {
      for (const [name, [command, args]] of Object.entries(subjects)) {
        const r = await timeHandshake(command, args, env);
        times[name].push(r.ms);
        if (r.rssMb) rss[name].push(r.rssMb);
      }
    }
    const result = {
      runs,
      autoMtls: Boolean(cert),
      seaNodeVersion: SEA_NODE_VERSION,
      machineNode: process.version,
    };
    for (const name of Object.keys(subjects)) {
      result[name] = {
        handshakeMs: summary(times[name]),
        rssMb: rss[name].length ? summary(rss[name]) : null,
      };
    }
    result.seaVsCurrentRatio = +(median(times.sea) / median(times.currentMachineNode)).toFixed(2);
    result.seaVsSameNodeRatio = +(median(times.sea) / median(times.currentSameNode)).toFixed(2);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await seaHandshakeBench(), null, 2));
}
