/**
 * A CDK Terrain user's app, as one would write it: a fresh npm project on Node 22 (or the Node named by
 * AKASH_CDKTN_TEST_NODE) that installs cdktn 0.24,
 * cdktn-cli and akash-cdktn from the release (no npm overrides), type-checks against the package's declarations,
 * and deploys and destroys an AkashService on the localnet with `cdktn deploy`/`destroy`. Terraform takes the
 * provider from a packed mirror of the release zips, so this also runs the self-contained executable under cdktn.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { mirrorRelease } from "../../scripts/release-mirror.mjs";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { packageInfo } from "../../src/cli/package-info";
import { releaseArtifacts, type ReleaseArtifacts } from "../support/release-artifacts";
import { runProcess, type ProcessResult } from "../support/run-process";
import { startTempLocalnet, type TempLocalnet } from "../support/temp-localnet";

jest.setTimeout(600_000);

/** Node 22 by default (cdktn-cli needs 22.19 or newer); scripts/test-node-versions.mjs also runs it on Node 24. */
const APP_NODE = Number(process.env.AKASH_CDKTN_TEST_NODE ?? 22);

const work = mkdtempSync(join(tmpdir(), "akash-cdktn-app-"));
const app = join(work, "app");
let release: ReleaseArtifacts;
let localnet: TempLocalnet;
let chain: CosmosChain;
let env: NodeJS.ProcessEnv;

const MAIN_TS = `import { App, TerraformOutput, TerraformStack } from "cdktn";
import type { Construct } from "constructs";
import { AkashProvider, AkashService } from "akash-cdktn";

class Web extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AkashProvider(this, "akash", {});
    const web = new AkashService(this, "web", { image: "nginx:1.27", expose: [{ port: 80 }] });
    new TerraformOutput(this, "url", { value: web.url });
    new TerraformOutput(this, "dseq", { value: web.dseq });
  }
}

const app = new App();
new Web(app, "web");
app.synth();
`;

function check(what: string, result: ProcessResult): ProcessResult {
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

async function nodeBinDir(major: number): Promise<string> {
  const root = packageInfo().root;
  const r = check(
    `Node ${major} from the npm registry`,
    await runProcess(process.execPath, [join(root, "scripts", "node-runtime.mjs"), String(major)], {
      env: process.env,
    }),
  );
  return r.stdout.trim();
}

/** The app's own cdktn CLI, run by the Node first on the app's PATH. */
const cdktn = (args: string[]) =>
  runProcess("node", [join(app, "node_modules", "cdktn-cli", "bundle", "bin", "cdktn.js"), ...args], {
    cwd: app,
    env,
  });

beforeAll(async () => {
  release = await releaseArtifacts();
  const appNode = await nodeBinDir(APP_NODE);
  localnet = await startTempLocalnet({ blockTimeMs: 250, providers: 2 }, "akash-cdktn-net-");
  chain = await createCosmosChain({ nodes: [localnet.net.node], cacheTtlMs: 0 });
  mirrorRelease(release.dir, join(work, "mirror"));
  const cliConfig = join(work, "mirror.tfrc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(join(work, "mirror"))}\n    include = ["registry.terraform.io/akash-cdktf/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/akash-cdktf/*"]\n  }\n}\n`,
  );
  env = {
    ...process.env,
    // The app's Node first: npm, tsc, the cdktn CLI and the app itself run on it.
    PATH: `${appNode}${delimiter}${process.env.PATH ?? ""}`,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    DISABLE_VERSION_CHECK: "1",
    CI: "1",
    AKASH_NODE: localnet.net.node,
    AKASH_MNEMONIC: localnet.net.mnemonic,
  };
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify(
      {
        name: "akash-cdktn-user-app",
        private: true,
        dependencies: {
          "akash-cdktn": `file:${release.file(`akash-cdktn-${release.info.version}.tgz`)}`,
          cdktn: "0.24.0",
          constructs: "10.7.0",
        },
        devDependencies: { "cdktn-cli": "0.24.0", typescript: "5.9.3", "@types/node": "22.20.1" },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "node16",
        moduleResolution: "node16",
        strict: true,
        types: ["node"],
      },
      files: ["main.ts"],
    }),
  );
  writeFileSync(join(app, "main.ts"), MAIN_TS);
  writeFileSync(
    join(app, "cdktf.json"),
    JSON.stringify({
      language: "typescript",
      app: "node main.js",
      output: "cdktf.out",
      sendCrashReports: "false",
    }),
  );
}, 1_800_000);

afterAll(async () => {
  await chain?.close();
  await localnet?.stop();
  rmSync(work, { recursive: true, force: true });
});

test(`the app installs on Node ${APP_NODE} without overrides, and type-checks against akash-cdktn's declarations`, async () => {
  check(
    "npm install",
    await runProcess("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: app, env }),
  );
  expect(check("node --version", await runProcess("node", ["--version"], { cwd: app, env })).stdout).toMatch(
    new RegExp(`^v${APP_NODE}\\.`),
  );
  // Nothing in the app's tree is cdktf: the constructs use the app's own cdktn.
  expect(existsSync(join(app, "node_modules", "cdktf"))).toBe(false);
  const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")) as {
    packages: Record<string, unknown>;
  };
  expect(Object.keys(lock.packages).filter((p) => /(^|\/)cdktf$/.test(p))).toEqual([]);
  // skipLibCheck is off: our .d.ts files are checked against cdktn's.
  check(
    "tsc",
    await runProcess("node", [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
      cwd: app,
      env,
    }),
  );
});

test("cdktn deploy creates the service's deployment and lease; cdktn destroy closes it", async () => {
  const deploy = check(
    "cdktn deploy",
    await cdktn(["deploy", "web", "--auto-approve", "--skip-provider-lock"]),
  );
  expect(deploy.stdout + deploy.stderr).toContain("Apply complete! Resources: 2 added");
  const state = JSON.parse(readFileSync(join(app, "terraform.web.tfstate"), "utf8")) as {
    outputs: Record<string, { value: string }>;
  };
  expect(state.outputs.url!.value).toMatch(/^http:\/\/[a-z0-9]+\.ingress\./);
  const dseq = BigInt(state.outputs.dseq!.value);
  chain.invalidate();
  expect((await chain.deployment(localnet.net.address, dseq))?.state).toBe("active");
  expect((await chain.leases(localnet.net.address, { dseq })).map((l) => l.state)).toEqual(["active"]);

  const destroy = check(
    "cdktn destroy",
    await cdktn(["destroy", "web", "--auto-approve", "--skip-provider-lock"]),
  );
  expect(destroy.stdout + destroy.stderr).toContain("Destroy complete! Resources: 2 destroyed.");
  chain.invalidate();
  expect((await chain.deployment(localnet.net.address, dseq))?.state).toBe("closed");
});
