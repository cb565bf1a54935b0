// Time from process start to the go-plugin handshake line, against `node -e 0`, with and without AutoMTLS.
// Usage: node scripts/bench-handshake.mjs [provider entry] (default dist/provider/main.mjs). Prints one JSON document.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const provider = resolve(process.argv[2] ?? "dist/provider/main.mjs");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

function clientCert() {
  const dir = mkdtempSync(join(tmpdir(), "bench-hs-"));
  const key = join(dir, "k.pem");
  const crt = join(dir, "c.pem");
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

function time(args, env, untilLine) {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let buf = "";
    const done = () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssMb;
      try {
        rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))[1]) / 1024;
      } catch {}
      child.kill("SIGKILL");
      res({ ms, rssMb });
    };
    if (untilLine)
      child.stdout.on("data", (d) => {
        buf += d;
        if (buf.includes("\n")) done();
      });
    child.on("exit", (code) => {
      if (!untilLine) res({ ms: Number(process.hrtime.bigint() - t0) / 1e6 });
      else if (!buf.includes("\n")) rej(new Error(`exit ${code} before handshake`));
    });
  });
}

const base = { TF_PLUGIN_MAGIC_COOKIE: COOKIE, PLUGIN_PROTOCOL_VERSIONS: "5,6" };
const cert = clientCert();
const results = { provider, runs, node: [], plain: [], mtls: [], rss: [] };
await time(["-e", "0"], {}, false);
await time([provider], base, true);
for (let i = 0; i < runs; i++) {
  results.node.push((await time(["-e", "0"], {}, false)).ms);
  results.plain.push((await time([provider], base, true)).ms);
  if (cert) {
    const r = await time([provider], { ...base, PLUGIN_CLIENT_CERT: cert }, true);
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
