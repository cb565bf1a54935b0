/**
 * `localnet start` as a real process (bundled like the CLI): ready line, SIGINT and SIGTERM each end it with exit
 * code 0 promptly — which also proves stop() leaves no timer, socket or server behind, since the process exits
 * on its own once the event loop is empty — and the state it flushed is there on the next start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { localnetKeys } from "../../src/localnet/keys";

const root = resolve(__dirname, "../..");
let work: string;
let entry: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "akash-localnet-cli-"));
  entry = join(work, "localnet-cli.cjs");
  // The same wiring as bin/akash-cdktf.js -> runCli: process streams, exit code set when the command returns.
  await build({
    stdin: {
      contents: [
        'import { runLocalnetCommand } from "./src/localnet/cli";',
        'import { processIO } from "./src/cli/io";',
        "runLocalnetCommand(process.argv.slice(2), processIO).then((code) => { process.exitCode = code; });",
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile: entry,
    logLevel: "warning",
  });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function start(dataDir: string): Promise<{ child: ChildProcess; ready: { node: string } }> {
  const child = spawn(
    process.execPath,
    [
      entry,
      "start",
      "--json",
      "--port",
      "0",
      "--block-time",
      "100",
      "--providers",
      "1",
      "--data-dir",
      dataDir,
    ],
    { env: { ...process.env, NODE_PATH: join(root, "node_modules") }, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolvePromise, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf("\n");
      if (newline >= 0)
        resolvePromise({ child, ready: JSON.parse(out.slice(0, newline)) as { node: string } });
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", (code) =>
      reject(new Error(`localnet exited with ${code} before it was ready: ${err}`)),
    );
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const begin = Date.now();
  return new Promise((resolvePromise) => {
    child.once("exit", (code) => resolvePromise({ code, ms: Date.now() - begin }));
    child.kill(signal);
  });
}

it("exits 0 promptly on SIGINT and on SIGTERM, and the next start has everything it flushed", async () => {
  const dataDir = join(work, "data");
  const first = await start(dataDir);
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(localnetKeys.testAccount().mnemonic, {
    prefix: "akash",
  });
  const client = await SigningStargateClient.connectWithSigner(first.ready.node, wallet, {
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 50,
  });
  const to = localnetKeys.provider(8).address;
  const sent = await client.sendTokens(
    localnetKeys.testAccount().address,
    to,
    [{ denom: "uakt", amount: "42" }],
    "auto",
  );
  client.disconnect();
  expect(sent.code).toBe(0);

  const interrupted = await stop(first.child, "SIGINT");
  expect(interrupted.code).toBe(0);
  expect(interrupted.ms).toBeLessThan(3000);

  const second = await start(dataDir);
  const reader = await StargateClient.connect(second.ready.node);
  expect(await reader.getBalance(to, "uakt")).toEqual({ denom: "uakt", amount: "42" });
  expect((await reader.getTx(sent.transactionHash))?.height).toBe(sent.height);
  reader.disconnect();
  const terminated = await stop(second.child, "SIGTERM");
  expect(terminated.code).toBe(0);
  expect(terminated.ms).toBeLessThan(3000);
});
