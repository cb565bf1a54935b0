/**
 * The backups example end to end: `cdktf synth` of examples/backups, then the real terraform against a localnet —
 * plan, apply, an idle plan, show, output and destroy at TF_LOG=trace. The database password, both S3 keys and
 * the GPG passphrase (sensitive variables) appear in no output and no log, nor in the synthesized configuration,
 * yet reach the provider intact in the backup service's env. An image without a digest is refused at plan time
 * before anything is created. The localnet runs no containers: what is checked is what the provider receives.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleCdktfApp, runCdktf } from "../../src/cli/cdktf-app";
import { packageInfo } from "../../src/cli/package-info";
import type { TerraformResult } from "../support/terraform";
import { leaseManifestAtProvider, leasesOf, startE2eNet, type E2eNet } from "./localnet-terraform";

jest.setTimeout(300_000);

const SECRETS = {
  TF_VAR_db_password: 'pg-pw-"quoted"-7c41e0',
  TF_VAR_backup_access_key_id: "AKIAE2EBACKUPKEY8D2F19",
  TF_VAR_backup_secret_access_key: "s3-secret/+key-5a9e61",
  TF_VAR_backup_passphrase: "gpg passphrase 31b7c2",
};
// A placeholder digest: the localnet never pulls images. A real deployment takes the digest you verified.
const PINNED = `jkaninda/pg-bkup:v1.3.4@sha256:${"e2e0".repeat(16)}`;

interface ManifestService {
  name: string;
  image: string;
  args: string[] | null;
  env: string[] | null;
  expose: { port: number; service: string; global: boolean }[] | null;
  resources: { storage?: { name: string; attributes?: { key: string; value: string }[] | null }[] };
}

let e2e: E2eNet;
let appDir: string;
let stackDir: string;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 200, providers: 1 });
  appDir = mkdtempSync(join(tmpdir(), "akash-e2e-backups-"));
  await bundleCdktfApp(join(packageInfo().root, "examples", "backups", "main.ts"), appDir);
  const synth = await runCdktf(["synth"], {
    appDir,
    cliConfig: e2e.sandbox.env.TF_CLI_CONFIG_FILE!,
    output: "pipe",
  });
  if (synth.code !== 0) throw new Error(`cdktf synth failed:\n${synth.output}`);
  stackDir = join(appDir, "cdktf.out", "stacks", "backups");
  const init = await e2e.tf(stackDir, ["init", "-input=false"]);
  if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}`);
});

afterAll(async () => {
  await e2e?.stop();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

/** Each secret ends in a unique tail, so escaped or re-encoded copies (JSON, HCL) are caught too. */
const TAIL = /[0-9A-F]{6,}$/i;

function expectNoSecret(run: TerraformResult): void {
  const text = run.stdout + run.stderr;
  for (const [name, value] of Object.entries(SECRETS)) {
    const tail = TAIL.exec(value)![0];
    // Named on failure without printing the value.
    expect({ [name]: text.includes(value) || text.includes(tail) }).toEqual({ [name]: false });
  }
}

test("the synthesized configuration holds no secret; the secret variables are sensitive", () => {
  const text = readFileSync(join(stackDir, "cdk.tf.json"), "utf8");
  for (const value of Object.values(SECRETS)) expect(text.includes(TAIL.exec(value)![0])).toBe(false);
  const config = JSON.parse(text) as { variable: Record<string, { sensitive?: boolean }> };
  expect(
    Object.fromEntries(Object.entries(config.variable).map(([name, v]) => [name, v.sensitive ?? false])),
  ).toEqual({
    db_password: true,
    backup_access_key_id: true,
    backup_secret_access_key: true,
    backup_passphrase: true,
    backup_image: false,
  });
});

test("an image without a digest is refused at plan, and nothing reaches the chain", async () => {
  const plan = await e2e.tf(stackDir, ["plan", "-input=false"], {
    ...SECRETS,
    TF_VAR_backup_image: "jkaninda/pg-bkup:v1.3.4",
  });
  expect(plan.code).toBe(1);
  expect(plan.stderr).toContain("Resource precondition failed");
  expect(plan.stderr).toContain("The backup image must be pinned by digest");
  expectNoSecret(plan);
  e2e.chain.invalidate();
  expect(await e2e.chain.deployments(e2e.net.address)).toEqual([]);
});

test("plan, apply, show, output and destroy never show a secret; the backup service gets them all", async () => {
  const env = { ...SECRETS, TF_VAR_backup_image: PINNED, TF_LOG: "trace" };
  const runs: TerraformResult[] = [];
  const run = async (args: string[]) => {
    const result = await e2e.tf(stackDir, args, env);
    runs.push(result);
    return result;
  };

  const plan = await run(["plan", "-input=false"]);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toMatch(/sdl\s+=\s+\(sensitive value\)/);
  expect(plan.stdout).toContain(`db-backup (group dcloud): image ${PINNED}, count 1, cpu 0.5, memory 512Mi`);
  expect(plan.stdout).toContain(
    "env DB_HOST, DB_PORT, DB_NAME, DB_USERNAME, DB_PASSWORD, AWS_S3_ENDPOINT, AWS_S3_BUCKET_NAME, AWS_S3_PATH, " +
      "AWS_REGION, AWS_FORCE_PATH_STYLE, AWS_DISABLE_SSL, AWS_ACCESS_KEY, AWS_SECRET_KEY, BACKUP_CRON_EXPRESSION, TZ, " +
      "BACKUP_RETENTION_DAYS, GPG_PASSPHRASE (values hidden), args set (3 words)",
  );
  expect(plan.stdout).toContain("expose 5432→5432/tcp global; 5432→5432/tcp to db-backup");

  const apply = await run(["apply", "-auto-approve", "-input=false"]);
  expect(apply.code).toBe(0);
  const outputs = await run(["output", "-json"]);
  const out = JSON.parse(outputs.stdout) as Record<string, { value: string }>;
  expect(out.backup_service!.value).toBe("db-backup");
  expect(out.backup_folder!.value).toBe("s3://app-backups/prod/app-db/");

  // What the provider runs: the secrets arrived intact (quotes included), next to the schedule and S3 settings.
  const [lease] = await leasesOf(e2e, out.dseq!.value);
  const provider = e2e.net.providers.find((p) => p.address === lease!.id.provider)!;
  const groups = (await leaseManifestAtProvider(e2e, {
    hostUri: provider.hostUri,
    provider: provider.address,
    dseq: out.dseq!.value,
    gseq: lease!.id.gseq,
    oseq: lease!.id.oseq,
  })) as { services: ManifestService[] }[];
  expect(groups).toHaveLength(1);
  const services = Object.fromEntries(groups[0]!.services.map((s) => [s.name, s]));
  const backup = services["db-backup"]!;
  expect(backup.image).toBe(PINNED);
  expect(backup.args).toEqual(["backup", "--storage", "s3"]);
  expect(backup.env).toEqual(
    expect.arrayContaining([
      "DB_HOST=db",
      "DB_PORT=5432",
      "DB_NAME=app",
      `DB_PASSWORD=${SECRETS.TF_VAR_db_password}`,
      "AWS_S3_ENDPOINT=https://gateway.storjshare.io",
      "AWS_S3_BUCKET_NAME=app-backups",
      "AWS_S3_PATH=prod/app-db/",
      "AWS_FORCE_PATH_STYLE=true",
      `AWS_ACCESS_KEY=${SECRETS.TF_VAR_backup_access_key_id}`,
      `AWS_SECRET_KEY=${SECRETS.TF_VAR_backup_secret_access_key}`,
      `GPG_PASSPHRASE=${SECRETS.TF_VAR_backup_passphrase}`,
      "BACKUP_CRON_EXPRESSION=0 3 * * *",
      "TZ=UTC",
      "BACKUP_RETENTION_DAYS=14",
    ]),
  );
  // The backup service has no volume of its own and no port; the database keeps its volume and opens its port.
  expect(backup.expose ?? []).toEqual([]);
  expect(backup.resources.storage!.map((s) => s.name)).toEqual(["default"]);
  const db = services.db!;
  expect(db.env).toContain(`POSTGRES_PASSWORD=${SECRETS.TF_VAR_db_password}`);
  expect(db.expose!.map((e) => [e.port, e.service, e.global])).toEqual([
    [5432, "", true],
    [5432, "db-backup", false],
  ]);
  const volume = db.resources.storage!.find((s) => s.name === "data")!;
  expect(volume.attributes).toEqual(expect.arrayContaining([{ key: "persistent", value: "true" }]));

  expect((await run(["plan", "-detailed-exitcode", "-input=false"])).code).toBe(0);
  const show = await run(["show"]);
  expect(show.code).toBe(0);
  expect(show.stdout).toMatch(/sdl\s+=\s+\(sensitive value\)/);
  expect((await run(["destroy", "-auto-approve", "-input=false"])).code).toBe(0);
  e2e.chain.invalidate();
  expect((await e2e.chain.deployment(e2e.net.address, BigInt(out.dseq!.value)))?.state).toBe("closed");

  for (const r of runs) expectNoSecret(r);
  // The trace logs are really there (the checks above are not vacuous).
  expect(runs[0]!.stderr).toMatch(/\[TRACE\]/);
});
