/**
 * The package as a CDKTF user gets it: constructs/ is compiled like scripts/build-constructs.mjs does into a
 * throwaway copy of the package, a fresh TypeScript app imports `akash-cdktf`, is type-checked and run, and the
 * synthesized stack goes through `terraform init` + `plan` against the installed provider. The synth assertions
 * themselves use cdktf's own testing helpers on the TypeScript sources.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import { AkashProvider, DataAkashSdl, Deployment, Lease } from "../../constructs";
import { sdlFixturesDir } from "../support/fixtures";
import { terraformSandbox } from "../support/terraform";

Testing.setupJest();

const root = resolve(__dirname, "..", "..");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
const sdlPath = join(sdlFixturesDir(), "v2.0", "simple", "input.yaml");
const work = mkdtempSync(join(tmpdir(), "cdktf-bindings-"));
const sandbox = terraformSandbox();

function run(cmd: string, args: string[], cwd: string): string {
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("L1 bindings (synth)", () => {
  test("data akash_sdl and the provider synthesize with their snake_case properties", () => {
    const synthesized = Testing.synthScope((scope) => {
      // `node` clashes with Construct.node, so the generator calls it nodeAttribute.
      new AkashProvider(scope, "akash", { nodeAttribute: "http://127.0.0.1:26657", gasAdjustment: 2 });
      new DataAkashSdl(scope, "app", { sdl: "version: '2.0'" });
    });
    expect(synthesized).toHaveProviderWithProperties(AkashProvider, {
      node: "http://127.0.0.1:26657",
      gas_adjustment: 2,
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataAkashSdl, { sdl: "version: '2.0'" });
  });

  test("resources reference each other through tokens, and lease.provider_address is providerAddress", () => {
    const synthesized = Testing.synthScope((scope) => {
      const deployment = new Deployment(scope, "web", { sdl: "sdl text", timeouts: { create: "10m" } });
      const lease = new Lease(scope, "web-lease", {
        dseq: deployment.dseq,
        manifest: deployment.manifestJson,
      });
      new DataAkashSdl(scope, "echo", { sdl: lease.providerAddress });
    });
    expect(synthesized).toHaveResourceWithProperties(Deployment, {
      sdl: "sdl text",
      timeouts: { create: "10m" },
    });
    expect(synthesized).toHaveResourceWithProperties(Lease, {
      dseq: "${akash_deployment.web.dseq}",
      manifest: "${akash_deployment.web.manifest_json}",
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataAkashSdl, {
      sdl: "${akash_lease.web-lease.provider_address}",
    });
  });
});

describe("a fresh cdktf app that depends on the package", () => {
  test("type-checks, synthesizes, and terraform init + plan work against the installed provider", async () => {
    // The package: package.json plus the compiled entry point; its dependencies resolve from this repository.
    const pkg = join(work, "akash-cdktf");
    mkdirSync(pkg);
    copyFileSync(join(root, "package.json"), join(pkg, "package.json"));
    symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"));
    run(
      process.execPath,
      [join(root, "scripts/build-constructs.mjs"), "--out", join(pkg, "dist/constructs")],
      root,
    );

    // The app, laid out as `npm install file:...` would: the package and cdktf/constructs in node_modules.
    const app = join(work, "app");
    mkdirSync(join(app, "node_modules"), { recursive: true });
    symlinkSync(pkg, join(app, "node_modules", "akash-cdktf"));
    for (const dep of ["cdktf", "constructs", "@types"]) {
      symlinkSync(join(root, "node_modules", dep), join(app, "node_modules", dep));
    }
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "node16",
          moduleResolution: "node16",
          strict: true,
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["main.ts"],
      }),
    );
    writeFileSync(
      join(app, "main.ts"),
      [
        'import { readFileSync } from "node:fs";',
        'import { App, TerraformOutput, TerraformStack } from "cdktf";',
        'import { Construct } from "constructs";',
        'import { AkashProvider, AkashService, DataAkashSdl } from "akash-cdktf";',
        "",
        "class Demo extends TerraformStack {",
        "  constructor(scope: Construct, id: string) {",
        "    super(scope, id);",
        '    new AkashProvider(this, "akash", {});',
        `    const sdl = new DataAkashSdl(this, "app", { sdl: readFileSync(${JSON.stringify(sdlPath)}, "utf8") });`,
        '    new TerraformOutput(this, "hash", { value: sdl.hash });',
        '    new TerraformOutput(this, "services", { value: sdl.services });',
        '    const web = new AkashService(this, "web", { image: "nginx:1.27", expose: [{ port: 80 }] });',
        '    new TerraformOutput(this, "url", { value: web.url });',
        "  }",
        "}",
        "",
        "const app = new App({ outdir: process.argv[2] });",
        'new Demo(app, "demo");',
        "app.synth();",
        "",
      ].join("\n"),
    );
    run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], app);
    const outdir = join(work, "cdktf.out");
    run(process.execPath, [join(app, "main.js"), outdir], app);

    const stackDir = join(outdir, "stacks", "demo");
    const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as {
      terraform: { required_providers: Record<string, { source: string; version?: string }> };
      data: Record<string, Record<string, { sdl: string }>>;
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(stack.terraform.required_providers.akash).toEqual({
      source: "akash-cdktf/akash",
      version: version,
    });
    expect(stack.data.akash_sdl!.app!.sdl).toBe(readFileSync(sdlPath, "utf8"));
    // The hand-written L2 construct from the same entry point: a deployment and its lease, wired together.
    const [deployment] = Object.values(stack.resource.akash_deployment ?? {});
    const [lease] = Object.values(stack.resource.akash_lease ?? {});
    expect(JSON.parse(deployment!.sdl as string).services.web.image).toBe("nginx:1.27");
    expect(lease!.dseq).toMatch(/^\$\{akash_deployment\..+\.dseq\}$/);

    // Terraform installs the provider from a filesystem mirror, offline.
    const mirror = join(work, "mirror");
    run(process.execPath, [join(root, "bin/akash-cdktf.js"), "install", "--dir", mirror], root);
    const cliConfig = join(work, "mirror.tfrc");
    writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["akash-cdktf/*"]\n  }\n}\n`,
    );
    const env = { TF_CLI_CONFIG_FILE: cliConfig };
    const init = await sandbox.run(stackDir, ["init", "-no-color", "-input=false"], env);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const plan = await sandbox.run(stackDir, ["plan", "-no-color", "-input=false", "-lock=false"], env);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/hash\s+= "[0-9a-f]{64}"/);
    expect(plan.stdout).toContain('"web"');
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
  });
});
