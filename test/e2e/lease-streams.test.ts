/**
 * `akash-cdktf logs`, `events` and `shell` through the real CLI against the localnet's provider WebSockets, with
 * the lease named by its resource address (read with `terraform show -json`) or by --dseq/--provider: one-shot and
 * followed streams, reconnection after the gateway cuts a stream, the provider's close codes and refusals, and the
 * shell's exit code.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { packageInfo } from "../../src/cli/package-info";
import { runProcess, type ProcessResult } from "../support/run-process";
import { webSdl } from "../support/web-sdl";
import { startE2eNet, stateOf, type E2eNet } from "./localnet-terraform";
import { MTLS_LEASE_TF } from "./mtls-lease-tf";
import { applyStep, inWorkspace } from "./acceptance";

const LEASE_TF = `
resource "akash_deployment" "app" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "5000000uact"
}
resource "akash_lease" "app" {
  dseq     = akash_deployment.app.dseq
  manifest = akash_deployment.app.manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "1s"
  }
}
`;

const CLI = join(packageInfo().root, "bin", "akash-cdktf.js");
let e2e: E2eNet;
let dir: string;
let lease: { dseq: string; provider: string };

const cliEnv = (): NodeJS.ProcessEnv => ({
  ...e2e.sandbox.env,
  AKASH_NODE: e2e.net.node,
  AKASH_MNEMONIC: e2e.net.mnemonic,
});

const cli = (args: string[]): Promise<ProcessResult> =>
  runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: cliEnv() });

/** A running CLI whose output the test watches; `stop()` sends Ctrl-C and waits for the exit code. */
function follow(args: string[], cwd = dir) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: cliEnv(),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return {
    out: () => stdout,
    err: () => stderr,
    exited,
    async until(test: () => boolean, what: string, ms = 30_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!test()) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop(): Promise<number> {
      child.kill("SIGINT");
      return exited;
    },
  };
}

const NO_SECRETS = (text: string) => {
  expect(text).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}|PRIVATE KEY/);
  expect(text).not.toContain(e2e.net.mnemonic);
};

// One lease every test only reads (its logs, events, shell); a test that changes a lease makes its own.
beforeAll(async () => {
  e2e = await startE2eNet({ providers: 1 });
  dir = await e2e.workspace(LEASE_TF, { "deploy.yaml": webSdl({ image: "nginx:1.27", count: 2 }) });
  const apply = await applyStep(inWorkspace(e2e, dir));
  if (apply.code !== 0) throw new Error(`terraform apply failed:\n${apply.stderr}`);
  const state = await stateOf(e2e, dir, "akash_lease.app");
  lease = { dseq: String(state.dseq), provider: String(state.provider_address) };
});

afterEach(() => e2e.net.faults.clear());

afterAll(async () => {
  await e2e?.stop();
});

test("logs of the lease named by its resource address: every replica's lines, --tail limits them", async () => {
  const all = await cli(["logs", "akash_lease.app"]);
  expect(all.stderr).toBe("");
  expect(all.code).toBe(0);
  const lines = all.stdout.trim().split("\n");
  const pods = new Set(lines.map((l) => /^\[(web-[^\]]+)\] /.exec(l)?.[1]));
  expect(pods.has(undefined)).toBe(false);
  expect(pods.size).toBe(2);
  expect(lines.length).toBeGreaterThan(2);

  const tail = await cli(["logs", "akash_lease.app", "--tail", "1", "--service", "web"]);
  expect(tail.code).toBe(0);
  expect(tail.stdout.trim().split("\n")).toHaveLength(2);
  NO_SECRETS(all.stdout + all.stderr);
});

test("logs by --dseq/--provider, the same lines", async () => {
  const byAddress = await cli(["logs", "akash_lease.app"]);
  const byFlags = await cli(["logs", "--dseq", lease.dseq, "--provider", lease.provider, "--gseq", "1"]);
  expect(byFlags.code).toBe(0);
  expect(byFlags.stdout).toBe(byAddress.stdout);
  expect(byFlags.stdout.trim().split("\n").length).toBeGreaterThan(2);
});

test("logs --follow streams new lines until Ctrl-C, then exits 0", async () => {
  const run = follow(["logs", "akash_lease.app", "--follow", "--tail", "0"]);
  await run.until(() => (run.out().match(/heartbeat/g) ?? []).length >= 4, "followed lines");
  expect(await run.stop()).toBe(0);
  expect(run.out()).toMatch(/^\[web-[^\]]+\] .*localnet: heartbeat 1$/m);
  expect(run.err()).toBe("");
});

test("logs --follow reconnects after the gateway cuts the stream, without repeating old lines", async () => {
  e2e.net.faults.set({ providers: { "*": { gateway: { dropStreams: { afterMs: 1500, next: 1 } } } } });
  const run = follow(["logs", "akash_lease.app", "-f", "--tail", "1"]);
  await run.until(() => /reconnected to the provider/.test(run.err()), "the reconnection");
  const before = run.out().length;
  await run.until(() => /heartbeat/.test(run.out().slice(before)), "lines after the reconnection");
  expect(await run.stop()).toBe(0);
  expect(run.err()).toMatch(
    /logs: the connection to the provider dropped \(close code 1006\); reconnecting in 1 s \(attempt 1 of 8\)\./,
  );
  // The reopened stream asks for tail=0: the initial lines appear once.
  const initial = run
    .out()
    .split("\n")
    .filter((l) => l && !/heartbeat/.test(l));
  expect(initial).toHaveLength(2);
});

test("events: the lease's Kubernetes events; --follow reconnects without printing one twice", async () => {
  const once = await cli(["events", "akash_lease.app"]);
  expect(once.code).toBe(0);
  expect(once.stdout).toMatch(/^Normal Scheduled Pod\/web-\S+: /m);
  const count = once.stdout.trim().split("\n").length;

  e2e.net.faults.set({ providers: { "*": { gateway: { dropStreams: { afterMs: 1000, next: 1 } } } } });
  const run = follow(["events", "akash_lease.app", "--follow"]);
  await run.until(() => /reconnected to the provider/.test(run.err()), "the reconnection");
  // A quiet window after the reconnection: a replayed event would arrive in it (absence has nothing to poll for).
  await new Promise((r) => setTimeout(r, 1500));
  expect(await run.stop()).toBe(0);
  const lines = run.out().trim().split("\n");
  expect(new Set(lines).size).toBe(lines.length);
  expect(lines.length).toBe(count);
});

test("shell passes the remote exit code through: 127 and the localnet's 'not executed' on stderr", async () => {
  const shell = await cli(["shell", "akash_lease.app", "--service", "web", "--", "ls", "-l", "/"]);
  expect(shell.code).toBe(127);
  expect(shell.stderr).toContain("the command was not executed");
  expect(shell.stdout).toBe("");

  const unknown = await cli(["shell", "akash_lease.app", "--service", "db", "--", "ls"]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("shell: the provider did not run the command: service db not found");

  const noCommand = await cli(["shell", "akash_lease.app", "--service", "web"]);
  expect(noCommand.code).toBe(2);
  expect(noCommand.stderr).toContain("no command; put it after --");
});

test("the provider's close codes and refusals end with what they mean", async () => {
  // 4000: no running pods of the services asked for.
  const noPods = await cli(["logs", "akash_lease.app", "--service", "db"]);
  expect(noPods.code).toBe(1);
  expect(noPods.stderr).toMatch(/^logs: no running pods for akash_lease\.app: /);

  // 4001: a lease the provider does not know.
  const unknown = await cli(["events", "--dseq", "4242", "--provider", lease.provider]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("events: the provider does not know lease 4242/1/1: the lease is closed");

  // 401: the provider refuses the token.
  e2e.net.faults.set({ providers: { "*": { gateway: { errors: { next: 1, status: 401 } } } } });
  const refused = await cli(["logs", "akash_lease.app", "--follow"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(
    /^logs: Provider akash1\S+ \(https:\/\/127\.0\.0\.1:\d+\) refused the logs of lease /,
  );
  expect(refused.stderr).toContain("The signing account must own the deployment.");
  expect(refused.stderr).not.toMatch(/reconnecting/);

  // An address that is not in the state.
  const missing = await cli(["logs", "akash_lease.nope"]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('no akash_lease "akash_lease.nope" in the state');
  expect(missing.stderr).toContain("it has: akash_lease.app");
  NO_SECRETS(noPods.stderr + unknown.stderr + refused.stderr);
});

test("a followed stream the provider cannot open yet (503) is retried", async () => {
  e2e.net.faults.set({ providers: { "*": { gateway: { errors: { next: 1, status: 503 } } } } });
  const run = follow(["events", "akash_lease.app", "-f"]);
  await run.until(() => /reconnected to the provider/.test(run.err()), "the reconnection");
  await run.until(() => /Normal Scheduled/.test(run.out()), "events");
  expect(await run.stop()).toBe(0);
  expect(run.err()).toMatch(/^events: .*HTTP 503.*; reconnecting in 1 s \(attempt 1 of 8\)\.$/m);
});

test("a lease whose state holds a client certificate authenticates with mTLS: no AKASH_MNEMONIC needed", async () => {
  const mtlsDir = await e2e.workspace(MTLS_LEASE_TF, { "deploy.yaml": webSdl({ image: "nginx:1.27" }) });
  const apply = await applyStep(inWorkspace(e2e, mtlsDir));
  expect(apply.code).toBe(0);
  const env = { ...e2e.sandbox.env, AKASH_NODE: e2e.net.node };
  const logs = await runProcess(process.execPath, [CLI, "logs", "akash_lease.app"], { cwd: mtlsDir, env });
  expect(logs.stderr).toBe("");
  expect(logs.code).toBe(0);
  expect(logs.stdout).toMatch(/^\[web-[^\]]+\] .*started container web from image nginx:1\.27$/m);
  const shell = await runProcess(
    process.execPath,
    [CLI, "shell", "akash_lease.app", "--service", "web", "--", "true"],
    { cwd: mtlsDir, env },
  );
  expect(shell.code).toBe(127);
  NO_SECRETS(logs.stdout + logs.stderr + shell.stderr);
  expect((await e2e.tf(mtlsDir, ["destroy", "-auto-approve"])).code).toBe(0);
});

test("a followed stream ends with a clear message when the lease is closed", async () => {
  const own = await e2e.workspace(LEASE_TF, { "deploy.yaml": webSdl({ image: "nginx:1.27", count: 2 }) });
  expect((await applyStep(inWorkspace(e2e, own))).code).toBe(0);
  const run = follow(["logs", "akash_lease.app", "--follow", "--tail", "0"], own);
  await run.until(() => /heartbeat/.test(run.out()), "followed lines");
  const destroy = await e2e.tf(own, ["destroy", "-auto-approve"]);
  expect(destroy.code).toBe(0);
  expect(await run.exited).toBe(1);
  expect(run.err()).toMatch(/logs: the provider does not know akash_lease\.app: the lease is closed/);
});
