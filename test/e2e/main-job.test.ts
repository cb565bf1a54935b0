/**
 * The main job as a user runs it: `akash-cdktf main` (npm start) in a fresh folder deploys the hello-world example
 * to an embedded localnet; running it again finds nothing to change (same deployment, after a restart of the
 * localnet from its data dir); `akash-cdktf destroy` (npm run destroy) tears it down and removes the folder.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageInfo } from "../../src/cli/package-info";
import { localnetKeys } from "../../src/localnet/keys";
import { plain } from "../support/cdktf";
import { runProcess } from "../support/run-process";

jest.setTimeout(240_000);

const cwd = mkdtempSync(join(tmpdir(), "akash-main-job-"));
let port = 0;

function isFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(p, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port P such that P (RPC) and P+100.. P+102 (the three providers' gateways) are free. */
async function freeLocalnetPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    const all = await Promise.all([p, p + 100, p + 101, p + 102].map(isFree));
    if (all.every(Boolean)) return p;
  }
  throw new Error("no free port range for the localnet");
}

async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const bin = join(packageInfo().root, "bin", "akash-cdktf.js");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AKASH_LOCALNET_PORT: String(port),
    CHECKPOINT_DISABLE: "1",
  };
  // The main job targets AKASH_NODE when set: make sure it uses its own localnet.
  delete env.AKASH_NODE;
  delete env.AKASH_MNEMONIC;
  const { code, stdout, stderr } = await runProcess(process.execPath, [bin, ...args], { cwd, env });
  return { code, output: plain(stdout + stderr) };
}

function deploymentLine(output: string): string {
  const line = /deployment\s+(akash1\w+\/\d+)/.exec(output);
  if (!line) throw new Error(`no deployment line in:\n${output}`);
  return line[1]!;
}

beforeAll(async () => {
  if (!existsSync(join(packageInfo().root, "dist", "cli.js"))) {
    throw new Error("dist/cli.js is missing: run `node scripts/build.mjs` before the e2e tests");
  }
  port = await freeLocalnetPort();
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

let first = "";

test("first run deploys hello-world and prints where it runs", async () => {
  const run = await cli(["main"]);
  if (run.code !== 0) throw new Error(`main failed (${run.code}):\n${run.output}`);
  expect(run.output).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
  expect(run.output).toMatch(/service URL\s+http:\/\/[a-z0-9]+\.ingress\.localnet\.akash/);
  expect(run.output).toMatch(/provider\s+akash1\w{38}/);
  expect(run.output).toMatch(/price\s+[\d.]+ uact\/block/);
  expect(run.output).toMatch(/escrow\s+[\d.]+ uact left, runway/);
  first = deploymentLine(run.output);
  expect(first.startsWith(`${localnetKeys.testAccount().address}/`)).toBe(true);
  expect(run.output).not.toContain(localnetKeys.testAccount().mnemonic);
});

test("second run reports no changes and still runs the same deployment", async () => {
  const run = await cli(["main"]);
  if (run.code !== 0) throw new Error(`main failed (${run.code}):\n${run.output}`);
  expect(run.output).toContain("No changes. Your infrastructure matches the configuration.");
  expect(run.output).not.toMatch(/Creating\.\.\.|Modifying\.\.\.|must be replaced/);
  expect(run.output).not.toMatch(/Apply complete! Resources: (?!0 added, 0 changed, 0 destroyed)/);
  expect(deploymentLine(run.output)).toBe(first);
});

test("destroy closes it and removes the workspace", async () => {
  const run = await cli(["destroy"]);
  if (run.code !== 0) throw new Error(`destroy failed (${run.code}):\n${run.output}`);
  expect(run.output).toContain("Destroy complete! Resources: 2 destroyed.");
  expect(existsSync(join(cwd, ".localnet"))).toBe(false);
  const again = await cli(["destroy"]);
  expect(again.code).toBe(0);
  expect(again.output).toContain("Nothing to destroy");
});
