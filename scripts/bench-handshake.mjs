// Time from process start to the go-plugin handshake line, against `node -e 0`, with and without AutoMTLS.
// Usage: node scripts/bench-handshake.mjs [provider entry] (default dist/provider/main.mjs). Prints one JSON document.
// scripts/bench.mjs measures the handshake with the timers exported here.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The environment terraform gives a plugin it launches (go-plugin's magic cookie, protocol versions 5 and 6). */
export const PLUGIN_ENV = {
  TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
  PLUGIN_PROTOCOL_VERSIONS: "5,6",
};

/** A client certificate like terraform's AutoMTLS one, written into `dir`; undefined when openssl is missing. */
export function clientCert(dir) {
  const key = join(dir, "client.key");
  const crt = join(dir, "client.crt");
  const r = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-521",
      "-nodes",
      "-keyout",
      key,
      "-out",
      crt,
      "-days",
      "1",
      "-subj",
      "/CN=localhost/O=HashiCorp",
    ],
    { stdio: "ignore" },
  );
  return r.status === 0 ? readFileSync(crt, "utf8") : undefined;
}

/** Milliseconds for `node -e 0`: the floor any Node.js provider starts from. */
export function timeNodeBaseline() {
  return new Promise((res) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("exit", () => res(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

/** Milliseconds from spawning `provider` to its handshake line, and its resident memory at that moment. */
export function timeHandshake(provider, env) {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [provider], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      if (buf.includes("\n")) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        let rssMb;
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
          rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
        } catch {
          // The process already exited: no RSS to read.
        }
        // SIGTERM, not SIGKILL: the provider removes its socket file on the way out.
        child.once("exit", () => res({ ms, rssMb, line: buf.split("\n")[0] }));
        child.kill("SIGTERM");
      }
    });
    child.on("exit", (code) => {
      if (!buf.includes("\n")) rej(new Error(`provider exited ${code} before the handshake`));
    });
  });
}

async function main() {
  const provider = resolve(process.argv[2] ?? "dist/provider/main.mjs");
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const cert = clientCert(mkdtempSync(join(tmpdir(), "bench-hs-")));
  /** @type {{ node: number[]; plain: number[]; mtls: number[]; rss: number[] }} */
  const results = { node: [], plain: [], mtls: [], rss: [] };
  await timeNodeBaseline();
  await timeHandshake(provider, PLUGIN_ENV);
  for (let i = 0; i < runs; i++) {
    results.node.push(await timeNodeBaseline());
    results.plain.push((await timeHandshake(provider, PLUGIN_ENV)).ms);
    if (cert) {
      const r = await timeHandshake(provider, { ...PLUGIN_ENV, PLUGIN_CLIENT_CERT: cert });
      results.mtls.push(r.ms);
      if (r.rssMb) results.rss.push(r.rssMb);
    }
  }
  const nodeMs = median(results.node);
  console.log(
    JSON.stringify(
      {
        provider,
        runs,
        nodeBaselineMs: +nodeMs.toFixed(1),
        plaintextMs: +median(results.plain).toFixed(1),
        plaintextRatio: +(median(results.plain) / nodeMs).toFixed(2),
        mtlsMs: cert ? +median(results.mtls).toFixed(1) : null,
        mtlsRatio: cert ? +(median(results.mtls) / nodeMs).toFixed(2) : null,
        rssMb: results.rss.length ? +median(results.rss).toFixed(1) : null,
      },
      null,
      2,
    ),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
