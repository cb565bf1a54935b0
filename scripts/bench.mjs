// `npm run bench`: performance targets measured in one run, printed as one JSON document.
// Ratios compare against baselines measured in the same run on the same machine, so they travel across machines.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deploymentsBench } from "./bench-deployments.mjs";
import { localnetBench } from "./bench-localnet.mjs";

const root = resolve(new URL("..", import.meta.url).pathname);
// What the installed wrapper runs (dist/provider.js is only a launcher for checkouts).
const provider = join(root, "dist", "provider", "main.mjs");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function clientCert(dir) {
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

function timeNodeBaseline() {
  return new Promise((res) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("exit", () => res(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

function timeHandshake(env) {
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
          rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
        } catch {}
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

async function handshakeBench() {
  const dir = mkdtempSync(join(tmpdir(), "akash-bench-"));
  const cert = clientCert(dir);
  const env = {
    TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
    PLUGIN_PROTOCOL_VERSIONS: "5,6",
    PLUGIN_MIN_PORT: "10000",
    PLUGIN_MAX_PORT: "25000",
  };
  if (cert) env.PLUGIN_CLIENT_CERT = cert;
  const base = [],
    hs = [],
    rss = [];
  await timeHandshake(env);
  await timeNodeBaseline(); // warm the file cache
  for (let i = 0; i < runs; i++) {
    base.push(await timeNodeBaseline());
    const r = await timeHandshake(env);
    hs.push(r.ms);
    if (r.rssMb) rss.push(r.rssMb);
  }
  const nodeMs = median(base),
    handshakeMs = median(hs);
  return {
    runs,
    autoMtls: Boolean(cert),
    nodeBaselineMs: +nodeMs.toFixed(1),
    handshakeMs: +handshakeMs.toFixed(1),
    ratio: +(handshakeMs / nodeMs).toFixed(2),
    ratioTarget: 1.5,
    rssAfterHandshakeMb: +median(rss).toFixed(1),
    rssTargetMb: 80,
  };
}

async function terraformApplyBench() {
  const home = mkdtempSync(join(tmpdir(), "akash-bench-home-"));
  writeFileSync(join(home, "empty.tfrc"), "");
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    TF_CLI_CONFIG_FILE: join(home, "empty.tfrc"),
    CHECKPOINT_DISABLE: "1",
  };
  const install = spawnSync(process.execPath, [join(root, "bin", "akash-cdktf.js"), "install"], {
    env,
    encoding: "utf8",
  });
  if (install.status !== 0) throw new Error(install.stderr);
  const dir = mkdtempSync(join(tmpdir(), "akash-bench-tf-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "deploy.yaml"), readFileSync(join(root, "examples", "sdl", "deploy.yaml")));
  writeFileSync(join(dir, "main.tf"), readFileSync(join(root, "examples", "sdl", "main.tf")));
  const init = spawnSync("terraform", ["init", "-no-color"], { cwd: dir, env, encoding: "utf8" });
  if (init.status !== 0) throw new Error(init.stdout + init.stderr);
  const t0 = process.hrtime.bigint();
  const apply = spawnSync("terraform", ["apply", "-auto-approve", "-no-color"], {
    cwd: dir,
    env: { ...env, TF_LOG: "debug" },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (apply.status !== 0) throw new Error(apply.stderr.slice(-2000));
  const launches = (apply.stderr.match(/provider: plugin started/g) ?? []).length;
  return { example: "examples/sdl", providerLaunches: launches, totalMs: Math.round(ms) };
}

const result = {
  handshake: await handshakeBench(),
  terraformApply: await terraformApplyBench(),
  deployments: await deploymentsBench(),
  localnet: await localnetBench(),
};
console.log(JSON.stringify(result, null, 2));
