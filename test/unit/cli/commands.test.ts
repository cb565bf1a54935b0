/**
 * Every `akash-cdktf` command answers --help / -h with its usage and does nothing else — no files in the current
 * folder, no connection to AKASH_NODE, even when the arguments would otherwise start real work — and rejects
 * unknown options. The main job documents every environment variable it reads.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../src/cli/main";
import { MAIN_USAGE, DESTROY_USAGE } from "../../../src/cli/commands/main-usage";
import { packageInfo } from "../../../src/cli/package-info";

const COMMANDS = [
  "install",
  "sdl",
  "localnet",
  "orphans",
  "logs",
  "events",
  "shell",
  "main",
  "destroy",
  "version",
];

let cwd: string;
const startCwd = process.cwd();
const savedEnv = { ...process.env };
/** Stands in for AKASH_NODE: counts every connection, so a command that reaches for the network is caught. */
let node: Server;
let connections = 0;

beforeAll(async () => {
  node = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => node.listen(0, "127.0.0.1", resolve));
  const address = node.address();
  if (!address || typeof address === "string") throw new Error("no port");
  process.env.AKASH_NODE = `http://127.0.0.1:${address.port}`;
  process.env.AKASH_MNEMONIC = "not a real mnemonic";
});

afterAll(async () => {
  process.env = savedEnv;
  await new Promise((resolve) => node.close(resolve));
});

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "akash-cli-help-"));
  process.chdir(cwd);
});

afterEach(() => {
  process.chdir(startCwd);
  rmSync(cwd, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe.each(COMMANDS)("%s", (command) => {
  test.each(["--help", "-h"])(`${command} %s prints its usage and does nothing else`, async (flag) => {
    const result = await cli(command, flag);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(new RegExp(`^Usage: akash-cdktf ${command}`));
    expect(readdirSync(cwd)).toEqual([]);
    expect(connections).toBe(0);
  });

  test(`${command} with real arguments and --help still only prints the usage`, async () => {
    const args: Record<string, string[]> = {
      install: ["--dir", "mirror"],
      sdl: ["manifest", "deploy.yaml"],
      localnet: ["start", "--port", "0"],
      orphans: ["--close"],
      logs: ["akash_lease.web", "--follow"],
      events: ["--dseq", "1", "--provider", "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q", "-f"],
      // After a lone "--", --help belongs to the remote command.
      shell: ["akash_lease.web", "--service", "web"],
      main: ["--confirm-chain", "akashnet-2"],
      destroy: ["--port", "0"],
      version: [],
    };
    const result = await cli(command, ...args[command]!, "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: akash-cdktf ${command}`));
    expect(readdirSync(cwd)).toEqual([]);
    expect(connections).toBe(0);
  });

  test(`help ${command} prints the same usage`, async () => {
    expect((await cli("help", command)).stdout).toBe((await cli(command, "--help")).stdout);
  });

  test(`${command} rejects an unknown option`, async () => {
    const args =
      command === "localnet" ? ["start", "--bogus"] : command === "sdl" ? ["hash", "--bogus"] : ["--bogus"];
    const result = await cli(command, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--bogus");
    expect(result.stdout).toBe("");
    expect(readdirSync(cwd)).toEqual([]);
    expect(connections).toBe(0);
  });
});

test("the overview lists every command and says how to get help", async () => {
  const result = await cli("--help");
  expect(result.code).toBe(0);
  for (const command of COMMANDS) expect(result.stdout).toContain(`akash-cdktf ${command}`);
  expect(result.stdout).toContain("--help");
});

test("no command, or an unknown one, is a usage error", async () => {
  expect((await cli()).code).toBe(2);
  const unknown = await cli("deploy");
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown command "deploy"');
});

test.each([
  [["main", "--port"], "--port needs a port number"],
  [["main", "--port", "http"], '--port needs a port number, got "http"'],
  [["main", "--port", "70000"], "--port must be between 0 and 65435"],
  [["main", "--keep-running=yes"], "--keep-running takes no value"],
  [["main", "--confirm-chain"], "--confirm-chain needs the chain id"],
  [["main", "extra"], 'unexpected argument "extra"'],
  [["destroy", "--keep-running"], 'unknown option "--keep-running"'],
  [["destroy", "--confirm-chain", "x"], 'unknown option "--confirm-chain"'],
  [["logs"], "which lease? Give an akash_lease resource address, or --dseq N --provider ADDRESS"],
  [
    ["logs", "akash_lease.web", "--dseq", "1"],
    "either by its resource address or by --dseq/--provider, not both",
  ],
  [
    ["logs", "--dseq", "1", "--provider", "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q", "--tail", "x"],
    "--tail must be a whole number >= 0",
  ],
  [["logs", "--dseq", "1", "--provider", "nope"], '--provider "nope" is not an account address'],
  [["events", "akash_lease.a", "akash_lease.b"], 'unexpected argument "akash_lease.b"'],
  [
    ["events", "--dseq", "1", "--provider", "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q", "--tail", "1"],
    'unknown option "--tail"',
  ],
  [
    ["shell", "--dseq", "1", "--provider", "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q", "--", "ls"],
    "--service S is required",
  ],
  [
    [
      "shell",
      "--dseq",
      "1",
      "--provider",
      "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q",
      "--service",
      "web",
    ],
    "no command; put it after --",
  ],
])("%j is refused: %s", async (argv, message) => {
  const result = await cli(...argv);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(message);
  expect(readdirSync(cwd)).toEqual([]);
  expect(connections).toBe(0);
});

test("options that do not fit the target are refused before anything runs", async () => {
  // AKASH_NODE is set in this file: the localnet options make no sense.
  expect((await cli("main", "--port", "30000")).stderr).toContain(
    "--port sets the localnet's port, but AKASH_NODE is set",
  );
  expect((await cli("main", "--keep-running")).stderr).toContain("AKASH_NODE is set");
  expect((await cli("destroy", "--port", "30000")).stderr).toContain("AKASH_NODE is set");
  const node = process.env.AKASH_NODE;
  delete process.env.AKASH_NODE;
  try {
    const confirm = await cli("main", "--confirm-chain", "akashnet-2");
    expect(confirm.code).toBe(2);
    expect(confirm.stderr).toContain("AKASH_NODE is not set");
  } finally {
    process.env.AKASH_NODE = node;
  }
  expect(readdirSync(cwd)).toEqual([]);
  expect(connections).toBe(0);
});

test("version prints the package version", async () => {
  expect(await cli("version")).toEqual({ code: 0, stdout: packageInfo().version, stderr: "" });
  expect((await cli("--version")).stdout).toBe(packageInfo().version);
});

/** The environment variables a source file reads, by the ways this code base reads them. */
function variablesRead(file: string): string[] {
  const text = readFileSync(join(packageInfo().root, file), "utf8");
  const names = new Set<string>();
  for (const match of text.matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
  return [...names];
}

test("main and destroy document every environment variable they (and the provider settings they resolve) read", () => {
  const sources = [
    "src/cli/commands/main-job.ts",
    "src/cli/commands/destroy-job.ts",
    "src/cli/cdktf-app.ts",
    "src/cli/network-access.ts",
    "src/provider/config.ts",
  ];
  const read = new Set(sources.flatMap(variablesRead));
  expect([...read]).toEqual(expect.arrayContaining(["AKASH_NODE", "AKASH_MNEMONIC", "AKASH_CHAIN_ID", "CI"]));
  for (const name of read) expect(MAIN_USAGE).toContain(name);
  expect(DESTROY_USAGE).toContain("as for main");
  const readme = readFileSync(join(packageInfo().root, "README.md"), "utf8");
  for (const name of read) expect(readme).toContain(name);
});
