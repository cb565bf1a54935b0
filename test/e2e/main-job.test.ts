/**
 * The main job as a user runs it, as a real process without a terminal.
 *
 * On the embedded localnet: `akash-cdktf main` in a fresh folder deploys hello-world and says so in a few lines,
 * with the full cdktf output in the log it names, no warning and no colour codes; a second run (with the default
 * port taken) picks free ports, says so, finds nothing to change and keeps the localnet running until Ctrl-C;
 * `akash-cdktf destroy` tears it down, reports the refund and removes the folder.
 *
 * Against a network the job did not start (a second localnet started by this test): without a terminal `main`
 * refuses, says how to confirm and creates nothing there — no transaction, no deployment, not even a local
 * folder; `--confirm-chain` with the chain id deploys; the folder's state is then not used against the localnet;
 * destroy reports exactly the refund the account received.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { packageInfo } from "../../src/cli/package-info";
import { localnetKeys } from "../../src/localnet/keys";
import { eventually } from "../support/eventually";
import { runProcess } from "../support/run-process";
import { startTempLocalnet, type TempLocalnet } from "../support/temp-localnet";
import { namedStep } from "../support/named-step";

jest.setTimeout(300_000);

const bin = join(packageInfo().root, "bin", "akash-cdktf.js");
const ESC = "\u001b";
const MAX_LINES = 30;
const testAccount = localnetKeys.testAccount();

interface Network {
  node: string;
  mnemonic: string;
}

/** The environment of a user's shell: AKASH_NODE/AKASH_MNEMONIC only when `network` is given. */
function environment(network?: Network): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete env.AKASH_NODE;
  delete env.AKASH_MNEMONIC;
  delete env.AKASH_CHAIN_ID;
  if (network) {
    env.AKASH_NODE = network.node;
    env.AKASH_MNEMONIC = network.mnemonic;
  }
  return env;
}

/** Runs the CLI to completion; stdin is not a terminal. */
async function cli(cwd: string, args: string[], network?: Network) {
  const { code, stdout, stderr } = await runProcess(process.execPath, [bin, ...args], {
    cwd,
    env: environment(network),
  });
  return { code, stdout, stderr, output: stdout + stderr };
}

function deploymentLine(output: string): string {
  const line = /deployment\s+(akash1\w+\/\d+)/.exec(output);
  if (!line) throw new Error(`no deployment line in:\n${output}`);
  return line[1]!;
}

function lineCount(text: string): number {
  return text.split("\n").filter((l) => l.trim() !== "").length;
}

function isFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(p, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port P such that P (RPC), P+2 (gRPC) and P+100..P+102 (the providers' gateways) are free. */
async function freeLocalnetPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    const all = await Promise.all([p, p + 2, p + 100, p + 101, p + 102].map(isFree));
    if (all.every(Boolean)) return p;
  }
  throw new Error("no free port range for the localnet");
}

beforeAll(() => {
  if (!existsSync(join(packageInfo().root, "dist", "cli.js"))) {
    throw new Error("dist/cli.js is missing: run `node scripts/build.mjs` before the e2e tests");
  }
});

// One `.localnet/` workspace carried through every step: each named step builds on the one before it.
describe("on the embedded localnet", () => {
  const cwd = mkdtempSync(join(tmpdir(), "akash-main-job-"));
  const log = join(cwd, ".localnet", "main.log");
  let first = "";

  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  test("first run deploys, a second run on other ports changes nothing, destroy refunds", async () => {
    await namedStep(
      "first run deploys hello-world in a short summary, the full output in the log it names",
      async () => {
        const run = await cli(cwd, ["main", "--port", String(await freeLocalnetPort())]);
        if (run.code !== 0) throw new Error(`main failed (${run.code}):\n${run.output}`);
        expect(lineCount(run.output)).toBeLessThanOrEqual(MAX_LINES);
        expect(run.output).not.toContain(ESC);
        expect(run.output).not.toMatch(/warning/i);
        // What it creates and what that costs, before applying, at a named block time.
        expect(run.output).toContain("1 × web (nginx:1.27): 0.5 CPU, 512 MiB memory, 1 GiB storage");
        expect(run.output).toContain("deposit 5 ACT (5000000 uact) into escrow, refunded on destroy");
        expect(run.output).toMatch(
          /leases at most 1000 uact\/block ≈ [\d.]+ ACT\/month at the localnet's 1 s\/block/,
        );
        expect(run.output).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
        expect(run.output).toMatch(/service URL\s+http:\/\/[a-z0-9]+\.ingress\.localnet\.akash/);
        expect(run.output).toMatch(/it does not resolve: the localnet runs\s+no containers/);
        expect(run.output).toMatch(/provider\s+akash1\w{38}/);
        expect(run.output).toMatch(
          /price\s+[\d.]+ uact\/block ≈ [\d.]+ ACT\/month at the localnet's 1 s\/block; ≈ [\d.]+ ACT\/month on mainnet \(~6.174 s\/block\)/,
        );
        expect(run.output).toMatch(/escrow\s+[\d.]+ uact left, runway \w+ at 1 s\/block/);
        expect(run.output).toContain("The localnet stopped with this command");
        first = deploymentLine(run.output);
        expect(first.startsWith(`${testAccount.address}/`)).toBe(true);

        expect(run.output).toContain("full output: .localnet/main.log");
        const text = readFileSync(log, "utf8");
        expect(text).toContain('resource "akash_deployment"');
        expect(text).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
        expect(text).toContain("Reusing previous version of akash-cdktf/akash from the dependency lock file");
        expect(text).not.toMatch(/warning/i);
        expect(text).not.toContain(ESC);
        for (const secret of [run.output, text]) expect(secret).not.toContain(testAccount.mnemonic);
      },
    );

    await namedStep(
      "with the default port taken, a second run uses free ports, changes nothing and keeps running until Ctrl-C",
      async () => {
        // Hold 26657 unless someone else already does: either way the default is taken.
        let held: Server | undefined;
        if (await isFree(26657)) {
          held = createServer();
          await new Promise<void>((resolve) => held!.listen(26657, "127.0.0.1", resolve));
        }
        try {
          const child = spawn(process.execPath, [bin, "main", "--keep-running"], {
            cwd,
            env: environment(),
            stdio: ["ignore", "pipe", "pipe"],
          });
          let output = "";
          child.stdout.on("data", (d: Buffer) => (output += d.toString()));
          child.stderr.on("data", (d: Buffer) => (output += d.toString()));
          const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
          const node = await eventually(
            "the localnet to be reported running",
            async () =>
              /keeps running at (http:\/\/127\.0\.0\.1:\d+) /.exec(output)?.[1] ??
              (child.exitCode !== null ? `exited: ${output}` : undefined),
            { timeoutMs: 240_000, pollMs: 500 },
          );
          expect(node).toMatch(/^http:/);
          expect(output).toContain(
            "port 26657 is in use (another localnet?), so the localnet uses free ports instead",
          );
          expect(node).not.toBe("http://127.0.0.1:26657");
          const status = (await (await fetch(`${node}/status`)).json()) as {
            result: { node_info: { network: string } };
          };
          expect(status.result.node_info.network).toBe("akash-localnet-1");
          child.kill("SIGINT");
          expect(await exited).toBe(0);
          expect(output).toContain("No changes. Your infrastructure matches the configuration.");
          expect(deploymentLine(output)).toBe(first);
          expect(output).toContain("Stopping the localnet; its state stays in .localnet/.");
          expect(lineCount(output)).toBeLessThanOrEqual(MAX_LINES);
          const text = readFileSync(log, "utf8");
          expect(text).not.toMatch(/Creating\.\.\.|Modifying\.\.\.|must be replaced|warning/i);
          await eventually(
            "the localnet to stop",
            async () =>
              (await fetch(`${node}/status`).then(
                () => false,
                () => true,
              )) || undefined,
          );
        } finally {
          if (held) await new Promise((resolve) => held!.close(resolve));
        }
      },
    );

    await namedStep("destroy closes it, reports the refund and removes the workspace", async () => {
      const run = await cli(cwd, ["destroy", "--port", String(await freeLocalnetPort())]);
      if (run.code !== 0) throw new Error(`destroy failed (${run.code}):\n${run.output}`);
      expect(run.output).toContain("Destroy complete! Resources: 2 destroyed.");
      const refund = /refund\s+(\d+) uact \(([\d.]+) ACT\) from escrow back to (akash1\w+)/.exec(run.output);
      expect(refund).not.toBeNull();
      // The deposit was 5 ACT; a few minutes at ~22 uact per block spent very little of it.
      expect(Number(refund![1])).toBeGreaterThan(4_900_000);
      expect(Number(refund![1])).toBeLessThan(5_000_000);
      expect(refund![3]).toBe(testAccount.address);
      const logPath = /full output: (\S+destroy\.log)\)/.exec(run.output)?.[1];
      expect(readFileSync(logPath!, "utf8")).toContain("Destroy complete! Resources: 2 destroyed.");
      rmSync(join(logPath!, ".."), { recursive: true, force: true });
      expect(lineCount(run.output)).toBeLessThanOrEqual(MAX_LINES);
      expect(existsSync(join(cwd, ".localnet"))).toBe(false);
      const again = await cli(cwd, ["destroy"]);
      expect(again.code).toBe(0);
      expect(again.output).toContain("Nothing to destroy");
    });
  }, 900_000);
});

describe("against a network the job did not start", () => {
  const cwd = mkdtempSync(join(tmpdir(), "akash-main-job-foreign-"));
  let foreign: TempLocalnet;
  let network: Network;
  /** Read-only view of the foreign network. */
  let chain: CosmosChain;

  beforeAll(async () => {
    foreign = await startTempLocalnet({ blockTimeMs: 300, providers: 3 }, "akash-main-job-foreign-net-");
    network = { node: foreign.net.node, mnemonic: foreign.net.mnemonic };
    chain = await createCosmosChain({ nodes: [foreign.net.node] });
  });

  afterAll(async () => {
    await chain?.close();
    await foreign?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  /** Everything a deploy would change on the foreign network. */
  async function footprint() {
    chain.invalidate();
    const owner = foreign.net.address;
    const [account, balances, deployments] = await Promise.all([
      chain.account(owner),
      chain.balances(owner),
      chain.deployments(owner),
    ]);
    return { sequence: account?.sequence, balances, deployments: deployments.map((d) => d.id.dseq) };
  }

  test("without a terminal it shows what it would spend, refuses, says how to confirm and creates nothing", async () => {
    const before = await footprint();
    const run = await cli(cwd, ["main"], network);
    expect(run.code).toBe(1);
    const { chainId, address } = foreign.net;
    expect(run.output).toContain(`network   ${foreign.net.node} (chain ${chainId})`);
    expect(run.output).toContain(`account   ${address}`);
    expect(run.output).toMatch(/balance {3}\d+ uact \([\d.]+ ACT\), \d+ uakt \([\d.]+ AKT\)/);
    expect(run.output).toContain("deposit 5 ACT (5000000 uact) into escrow, refunded on destroy");
    expect(run.output).toMatch(
      new RegExp(
        `leases at most 1000 uact/block ≈ [\\d.]+ ACT/month at ${chainId}'s measured [\\d.]+ s/block`,
      ),
    );
    expect(run.output).toContain("there is no terminal to ask for confirmation");
    expect(run.output).toContain(`Nothing was created on ${chainId}.`);
    expect(run.output).toContain(`akash-cdktf main --confirm-chain ${chainId}`);
    expect(run.output).not.toContain(network.mnemonic);
    expect(await footprint()).toEqual(before);
    expect(before.deployments).toEqual([]);
    expect(readdirSync(cwd)).toEqual([]);
  });

  test("--confirm-chain naming another chain refuses too", async () => {
    const before = await footprint();
    const run = await cli(cwd, ["main", "--confirm-chain", "akashnet-2"], network);
    expect(run.code).toBe(1);
    expect(run.output).toContain(
      `--confirm-chain akashnet-2 does not match the chain id of ${foreign.net.node}`,
    );
    expect(await footprint()).toEqual(before);
    expect(readdirSync(cwd)).toEqual([]);
  });

  test("--confirm-chain with its chain id deploys there; the state is then kept away from the localnet; destroy reports the refund", async () => {
    const deployed = await cli(cwd, ["main", "--confirm-chain", foreign.net.chainId], network);
    if (deployed.code !== 0) throw new Error(`main failed (${deployed.code}):\n${deployed.output}`);
    expect(deployed.output).toContain(`confirmed with --confirm-chain ${foreign.net.chainId}`);
    expect(deployed.output).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    expect(lineCount(deployed.output)).toBeLessThanOrEqual(MAX_LINES);
    const [owner, dseq] = deploymentLine(deployed.output).split("/");
    expect(owner).toBe(foreign.net.address);
    chain.invalidate();
    expect((await chain.deployment(owner!, BigInt(dseq!)))?.state).toBe("active");

    const mixed = await cli(cwd, ["main", "--port", String(await freeLocalnetPort())]);
    expect(mixed.code).toBe(1);
    expect(mixed.output).toContain(
      `belongs to hello-world on chain ${foreign.net.chainId} (${foreign.net.node})`,
    );
    expect(existsSync(join(cwd, ".localnet", "chain"))).toBe(false);

    const before = (await footprint()).balances.find((c) => c.denom === "uact")!.amount;
    const destroyed = await cli(cwd, ["destroy"], network);
    if (destroyed.code !== 0) throw new Error(`destroy failed (${destroyed.code}):\n${destroyed.output}`);
    const after = (await footprint()).balances.find((c) => c.denom === "uact")!.amount;
    const refund = /refund\s+(\d+) uact .* back to (akash1\w+)/.exec(destroyed.output);
    expect(refund?.[2]).toBe(foreign.net.address);
    expect(BigInt(refund![1]!)).toBe(after - before);
    expect((await chain.deployment(owner!, BigInt(dseq!)))?.state).toBe("closed");
    const logPath = /full output: (\S+destroy\.log)\)/.exec(destroyed.output)?.[1];
    if (logPath) rmSync(join(logPath, ".."), { recursive: true, force: true });
  });
});
