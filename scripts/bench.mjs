// `npm run bench`: performance targets measured in one run, printed as one JSON document.
// Ratios compare against baselines measured in the same run on the same machine, so they travel across machines.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deploymentsBench } from "./bench-deployments.mjs";
import { clientCert, median, PLUGIN_ENV, timeHandshake, timeNodeBaseline } from "./bench-handshake.mjs";
import { localnetBench } from "./bench-localnet.mjs";
import { sdlBench } from "./bench-sdl.mjs";
import { seaHandshakeBench } from "./bench-sea.mjs";

const root = resolve(new URL("..", import.meta.url).pathname);
// What the installed wrapper runs (dist/provider.js is only a launcher for checkouts).
const provider = join(root, "dist", "provider", "main.mjs");
const runs = Number(process.env.BENCH_RUNS ?? 15);

async function handshakeBench() {
  const dir = mkdtempSync(join(tmpdir(), "akash-bench-"));
  const cert = clientCert(dir);
  /** @type {Record<string, string>} */
  const env = {
    ...PLUGIN_ENV,
    PLUGIN_MIN_PORT: "10000",
    PLUGIN_MAX_PORT: "25000",
  };
  if (cert) env.PLUGIN_CLIENT_CERT = cert;
  const base = [],
    hs = [],
    rss = [];
  await timeHandshake(provider, env);
  await timeNodeBaseline(); // warm the file cache
  for (let i = 0; i < runs; i++) {
    base.push(await timeNodeBaseline());
    const r = await timeHandshake(provider, env);
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
  sdlCompile: await sdlBench(root),
  // The release's self-contained executable next to the provider as installed today.
  seaHandshake: await seaHandshakeBench(runs),
  terraformApply: await terraformApplyBench(),
  deployments: await deploymentsBench(),
  localnet: await localnetBench(),
};
console.log(JSON.stringify(result, null, 2));
