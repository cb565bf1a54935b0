/**
 * AkashDeploymentWithBackup and postgresWithBackup: the synthesized SDL (the backup service beside PostgreSQL in
 * its group, the image pinned by digest, pg-bkup's env and schedule, the database's port opened to the backup
 * service only, its volume untouched), secrets only as terraform references, and synth-time refusals naming the
 * prop at fault.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import {
  AkashDeployment,
  AkashDeploymentWithBackup,
  AkashProvider,
  PG_BKUP_IMAGE,
  postgres,
  postgresWithBackup,
  type AkashDeploymentWithBackupProps,
  type PostgresBackupProps,
} from "../../../constructs";
import { compileSdl } from "../../../src/sdl";

const DIGEST = `sha256:${"4f".repeat(32)}`;
const IMAGE = `${PG_BKUP_IMAGE}@${DIGEST}`;

interface SdlDoc {
  services: Record<
    string,
    { image: string; args?: string[]; env?: string[]; expose?: unknown[]; params?: unknown }
  >;
  profiles: {
    compute: Record<string, { resources: Record<string, unknown> }>;
    placement: Record<string, { pricing: Record<string, unknown> }>;
  };
  deployment: Record<string, Record<string, unknown>>;
}

interface Synthesized {
  resource: { akash_deployment: Record<string, { sdl: string; lifecycle?: { precondition?: unknown[] } }> };
}

const variables = new WeakMap<
  Construct,
  Record<"password" | "accessKeyId" | "secretAccessKey" | "passphrase", string>
>();

/** The stack's sensitive variables (declared once per stack). */
function secretVariables(stack: Construct) {
  const known = variables.get(stack);
  if (known) return known;
  const secret = (name: string) =>
    new TerraformVariable(stack, name, { type: "string", sensitive: true }).stringValue;
  const created = {
    password: secret("db_password"),
    accessKeyId: secret("backup_access_key_id"),
    secretAccessKey: secret("backup_secret_access_key"),
    passphrase: secret("backup_passphrase"),
  };
  variables.set(stack, created);
  return created;
}

function backupOf(
  stack: Construct,
  overrides: Partial<PostgresBackupProps> = {},
): Omit<PostgresBackupProps, "target"> {
  const s = secretVariables(stack);
  return {
    schedule: "0 3 * * *",
    destination: { endpoint: "https://gateway.storjshare.io", bucket: "app-backups", prefix: "prod/app-db" },
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    encryptionPassphrase: s.passphrase,
    retentionDays: 14,
    image: IMAGE,
    ...overrides,
  };
}

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AkashProvider(stack, "akash", {});
  return stack;
}

function synth(stack: TerraformStack): { out: Synthesized; sdl: SdlDoc; sdlText: string } {
  const text = Testing.synth(stack, true);
  const out = JSON.parse(text) as Synthesized;
  const deployments = Object.values(out.resource.akash_deployment);
  expect(deployments).toHaveLength(1);
  const sdlText = withoutReferences(deployments[0]!.sdl);
  return { out, sdl: JSON.parse(sdlText) as SdlDoc, sdlText };
}

// How a sensitive variable lands in the SDL: terraform JSON-escapes its value into the text at apply time.
const SECRET_REFERENCE = /\$\{trimsuffix\(trimprefix\(jsonencode\(var\.([a-z_]+)\), "\\""\), "\\""\)\}/g;

/** The SDL with each secret reference replaced by `<var.NAME>`, so it parses as JSON before terraform runs. */
function withoutReferences(sdl: string): string {
  return sdl.replace(SECRET_REFERENCE, "<var.$1>");
}

function problemsOf(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.validate());
}

function warningsOf(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
}

/** The deployment with a backup built from `props` (defaults: the postgres preset and backupOf). */
function withBackup(build: (stack: TerraformStack) => AkashDeploymentWithBackupProps): {
  stack: TerraformStack;
  construct: AkashDeploymentWithBackup;
} {
  const stack = newStack();
  const construct = new AkashDeploymentWithBackup(stack, "db", build(stack));
  return { stack, construct };
}

const envMap = (env: string[] | undefined) =>
  Object.fromEntries((env ?? []).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));

describe("postgresWithBackup", () => {
  test("the backup service runs pg-bkup pinned by digest, beside the database, with its schedule and S3 env", () => {
    const { stack, construct } = withBackup((s) =>
      postgresWithBackup({ password: secretVariables(s).password, size: "5Gi", backup: backupOf(s) }),
    );
    expect(problemsOf(stack)).toEqual([]);
    const { sdl } = synth(stack);
    expect(construct.backupServiceName).toBe("db-backup");
    expect(construct.backupPrefix).toBe("prod/app-db");
    const backup = sdl.services["db-backup"]!;
    expect(backup.image).toBe(IMAGE);
    expect(backup.args).toEqual(["backup", "--storage", "s3"]);
    expect(backup.expose).toBeUndefined();
    const env = envMap(backup.env);
    expect(Object.keys(env)).toEqual([
      "DB_HOST",
      "DB_PORT",
      "DB_NAME",
      "DB_USERNAME",
      "DB_PASSWORD",
      "AWS_S3_ENDPOINT",
      "AWS_S3_BUCKET_NAME",
      "AWS_S3_PATH",
      "AWS_REGION",
      "AWS_FORCE_PATH_STYLE",
      "AWS_DISABLE_SSL",
      "AWS_ACCESS_KEY",
      "AWS_SECRET_KEY",
      "BACKUP_CRON_EXPRESSION",
      "TZ",
      "BACKUP_RETENTION_DAYS",
      "GPG_PASSPHRASE",
    ]);
    expect(env).toMatchObject({
      DB_HOST: "db",
      DB_PORT: "5432",
      DB_NAME: "app",
      DB_USERNAME: "postgres",
      AWS_S3_ENDPOINT: "https://gateway.storjshare.io",
      AWS_S3_BUCKET_NAME: "app-backups",
      AWS_S3_PATH: "prod/app-db/",
      AWS_REGION: "us-east-1",
      AWS_FORCE_PATH_STYLE: "false",
      AWS_DISABLE_SSL: "false",
      BACKUP_CRON_EXPRESSION: "0 3 * * *",
      TZ: "UTC",
      BACKUP_RETENTION_DAYS: "14",
    });
    // Secrets are references terraform resolves (JSON-escaped) at apply time, never values.
    const reference = (variable: string) => `<var.${variable}>`;
    expect(env.DB_PASSWORD).toBe(reference("db_password"));
    expect(env.AWS_ACCESS_KEY).toBe(reference("backup_access_key_id"));
    expect(env.AWS_SECRET_KEY).toBe(reference("backup_secret_access_key"));
    expect(env.GPG_PASSPHRASE).toBe(reference("backup_passphrase"));
    expect(sdl.profiles.compute["db-backup"]!.resources).toEqual({
      cpu: { units: 0.5 },
      memory: { size: "512Mi" },
      storage: { size: "2Gi" },
    });
    // Same group (one provider, one namespace), priced like any service.
    expect(sdl.deployment["db-backup"]).toEqual({ dcloud: { profile: "db-backup", count: 1 } });
    expect(sdl.profiles.placement.dcloud!.pricing["db-backup"]).toEqual({ denom: "uact", amount: 10000 });
  });

  test("the database keeps its volume, env and public port, and opens the port to the backup service", () => {
    const plain = newStack();
    new AkashDeployment(plain, "db", { services: { db: postgres({ password: "pw", size: "5Gi" }) } });
    const before = synth(plain).sdl;
    const { stack } = withBackup((s) =>
      postgresWithBackup({ password: "pw", size: "5Gi", backup: backupOf(s) }),
    );
    const { sdl, sdlText } = synth(stack);
    const { expose, ...db } = sdl.services.db!;
    const { expose: exposeBefore, ...dbBefore } = before.services.db!;
    expect(db).toEqual(dbBefore);
    expect(sdl.profiles.compute.db).toEqual(before.profiles.compute.db);
    expect(exposeBefore).toEqual([{ port: 5432, as: 5432, to: [{ global: true }] }]);
    expect(expose).toEqual([{ port: 5432, as: 5432, to: [{ global: true }, { service: "db-backup" }] }]);
    // The provider's compiler agrees: one group, both services, the internal expose in the manifest.
    const compiled = compileSdl(sdlText);
    expect(compiled.services).toEqual(["db", "db-backup"]);
    const manifest = JSON.parse(compiled.manifestJson) as {
      services: { name: string; expose: { service: string; global: boolean; port: number }[] }[];
    }[];
    expect(manifest).toHaveLength(1);
    const exposes = manifest[0]!.services.find((x) => x.name === "db")!.expose;
    expect(exposes.map((e) => [e.port, e.service, e.global])).toEqual([
      [5432, "", true],
      [5432, "db-backup", false],
    ]);
    expect(problemsOf(stack)).toEqual([]);
    // A literal database password is allowed (the database itself holds it) but called out.
    expect(warningsOf(stack)).toEqual([
      'backup: the password of service "db" is a literal: it is in cdk.tf.json; pass a sensitive variable',
    ]);
  });
});

describe("AkashDeploymentWithBackup on services of your own", () => {
  const app = { image: "ghcr.io/acme/api:1.0.0", expose: [{ port: 8080, as: 80 }] };

  test("a database without a public port gets an internal one; explicit connection props win over env", () => {
    const { stack } = withBackup((s) => ({
      services: {
        api: app,
        pg: {
          image: "postgres:17",
          env: { POSTGRES_PASSWORD: secretVariables(s).password, POSTGRES_USER: "ignored" },
          expose: [{ port: 5432, as: 6543, global: false, toServices: ["api"] }],
          volumes: [{ name: "data", size: "5Gi", mount: "/var/lib/postgresql/data" }],
        },
      },
      backup: {
        ...backupOf(s),
        target: { service: "pg", user: "backup", database: "orders" },
        serviceName: "nightly",
        timeZone: "Europe/Berlin",
        destination: { endpoint: "http://minio.example.com:9000", bucket: "b1-backups", pathStyle: true },
      },
    }));
    const { sdl } = synth(stack);
    expect(sdl.services.pg!.expose).toEqual([
      { port: 5432, as: 6543, to: [{ service: "api" }, { service: "nightly" }] },
    ]);
    const env = envMap(sdl.services.nightly!.env);
    // Inside the namespace the database's service listens on the expose's `as` port.
    expect(env).toMatchObject({
      DB_HOST: "pg",
      DB_PORT: "6543",
      DB_USERNAME: "backup",
      DB_NAME: "orders",
      TZ: "Europe/Berlin",
      AWS_S3_PATH: "pg/",
      AWS_FORCE_PATH_STYLE: "true",
      AWS_DISABLE_SSL: "true",
    });
    expect(problemsOf(stack)).toEqual([]);
    expect(warningsOf(stack)).toEqual([
      'backup: destination.endpoint "http://minio.example.com:9000" is plain http: the backups (database contents) cross the internet unencrypted',
    ]);
  });

  test("a target without any expose of its port gets one open only to the backup service", () => {
    const { stack } = withBackup((s) => ({
      services: {
        api: app,
        pg: { image: "postgres:16", env: { POSTGRES_PASSWORD: secretVariables(s).password } },
      },
      backup: { ...backupOf(s), target: { service: "pg" } },
    }));
    const { sdl } = synth(stack);
    expect(sdl.services.pg!.expose).toEqual([{ port: 5432, as: 5432, to: [{ service: "pg-backup" }] }]);
    expect(envMap(sdl.services["pg-backup"]!.env).DB_NAME).toBe("postgres");
  });

  test("the backup service follows its target into the target's placement group", () => {
    const { stack } = withBackup((s) => ({
      services: {
        api: app,
        db: { ...postgres({ password: secretVariables(s).password }), group: "storage" },
      },
      backup: { ...backupOf(s), target: { service: "db" } },
      placements: { storage: { attributes: { region: "ap-south" } } },
    }));
    const { sdl } = synth(stack);
    expect(sdl.deployment["db-backup"]).toEqual({ storage: { profile: "db-backup", count: 1 } });
    expect(Object.keys(sdl.profiles.placement.storage!.pricing)).toEqual(["db", "db-backup"]);
    expect(Object.keys(sdl.profiles.placement.dcloud!.pricing)).toEqual(["api"]);
  });

  test("an image given as a token is checked by terraform at plan time", () => {
    const { stack } = withBackup((s) => {
      const image = new TerraformVariable(s, "backup_image", { type: "string" }).stringValue;
      return postgresWithBackup({ password: secretVariables(s).password, backup: backupOf(s, { image }) });
    });
    expect(problemsOf(stack)).toEqual([]);
    const { out, sdl } = synth(stack);
    expect(sdl.services["db-backup"]!.image).toBe("<var.backup_image>");
    const deployment = Object.values(out.resource.akash_deployment)[0]!;
    expect(deployment.lifecycle!.precondition).toEqual([
      {
        condition: '${can(regex("@sha256:[0-9a-f]{64}$", var.backup_image))}',
        error_message: expect.stringContaining("The backup image must be pinned by digest"),
      },
    ]);
  });

  test("allowUnpinnedImage runs the release tag, with a warning", () => {
    const { stack } = withBackup((s) =>
      postgresWithBackup({
        password: secretVariables(s).password,
        backup: backupOf(s, { image: undefined, allowUnpinnedImage: true }),
      }),
    );
    expect(problemsOf(stack)).toEqual([]);
    expect(synth(stack).sdl.services["db-backup"]!.image).toBe("jkaninda/pg-bkup:v1.3.4");
    expect(warningsOf(stack)).toEqual([
      'backup: backup image "jkaninda/pg-bkup:v1.3.4" is not pinned by digest: providers pull whatever the tag points to at deploy time',
    ]);
  });
});

describe("synth-time refusals name the prop at fault", () => {
  function refusals(overrides: Partial<PostgresBackupProps>, literalPassword = false): string[] {
    const stack = newStack();
    const password = literalPassword ? "pw" : secretVariables(stack).password;
    new AkashDeploymentWithBackup(
      stack,
      "db",
      postgresWithBackup({ password, backup: backupOf(stack, overrides) }),
    );
    return problemsOf(stack);
  }

  test.each([
    [
      "0 3 * *",
      'backup.schedule "0 3 * *": expected 5 fields (minute hour day-of-month month day-of-week), found 4',
    ],
    ["0 25 * * *", 'backup.schedule "0 25 * * *": hour field: 25 is above the maximum 23 (in "25")'],
    ["0 0 * * 7", 'backup.schedule "0 0 * * 7": day of week field: 7 is above the maximum 6 (in "7")'],
    [
      "0 0 30 feb *",
      'backup.schedule "0 0 30 feb *": the day of month never occurs in the chosen months, so the backup would never run',
    ],
    ["@every 500ms", 'backup.schedule "@every 500ms": @every needs a duration of at least 1s'],
    [
      "@nightly",
      'backup.schedule "@nightly": unknown descriptor; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"',
    ],
    [
      "TZ=Europe/Paris 0 3 * * *",
      'backup.schedule "TZ=Europe/Paris 0 3 * * *": give the time zone in timeZone, not as a TZ= prefix of the schedule',
    ],
  ])("schedule %j", (schedule, problem) => {
    expect(refusals({ schedule })).toEqual([problem]);
  });

  test("destination: empty or invalid bucket, endpoint with a path, bad prefix and region", () => {
    expect(refusals({ destination: { endpoint: "https://s3.amazonaws.com", bucket: "" } })).toEqual([
      'backup.destination.bucket "" is not a valid bucket name (3-63 lower-case letters, digits, dots and dashes, starting and ending with a letter or digit)',
    ]);
    expect(
      refusals({
        destination: {
          endpoint: "https://s3.amazonaws.com/my-bucket",
          bucket: "My_Bucket",
          prefix: "/abs/../x",
          region: "eu west",
        },
      }),
    ).toEqual([
      'backup.destination.endpoint "https://s3.amazonaws.com/my-bucket" must be the service root, without a path (the bucket goes in destination.bucket)',
      'backup.destination.bucket "My_Bucket" is not a valid bucket name (3-63 lower-case letters, digits, dots and dashes, starting and ending with a letter or digit)',
      `backup.destination.prefix "/abs/../x" must be a relative folder such as "prod/app-db" (letters, digits and !_.*'()- in each part, no leading "/", no "." or ".." parts)`,
      'backup.destination.region "eu west" is not a region name, e.g. us-east-1',
    ]);
    expect(refusals({ destination: { endpoint: "s3.amazonaws.com", bucket: "ok-bucket" } })).toEqual([
      'backup.destination.endpoint "s3.amazonaws.com" is not a URL; write e.g. https://gateway.storjshare.io',
    ]);
  });

  test("literal credentials and passphrase are refused, with the way to pass them", () => {
    const found = refusals({
      credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG" },
      encryptionPassphrase: "correct horse",
    });
    expect(found).toEqual([
      'backup.credentials.accessKeyId is a literal string: it would be written into cdk.tf.json and your source. Pass a sensitive variable instead, e.g. new TerraformVariable(this, "backup_access_key_id", { type: "string", sensitive: true }).stringValue, set from TF_VAR_… or your secret store',
      'backup.credentials.secretAccessKey is a literal string: it would be written into cdk.tf.json and your source. Pass a sensitive variable instead, e.g. new TerraformVariable(this, "backup_secret_access_key", { type: "string", sensitive: true }).stringValue, set from TF_VAR_… or your secret store',
      'backup.encryptionPassphrase is a literal string: it would be written into cdk.tf.json and your source. Pass a sensitive variable instead, e.g. new TerraformVariable(this, "backup_encryption_passphrase", { type: "string", sensitive: true }).stringValue, set from TF_VAR_… or your secret store',
    ]);
    // The refusal never repeats the secret it refuses.
    expect(found.join("\n")).not.toMatch(/AKIAEXAMPLE|wJalr|correct horse/);
  });

  test("an image without a digest, or none at all, is refused unless allowUnpinnedImage", () => {
    expect(refusals({ image: "jkaninda/pg-bkup:v1.3.4" })).toEqual([
      'backup.image "jkaninda/pg-bkup:v1.3.4" is not pinned by digest; pin it by digest, e.g. "jkaninda/pg-bkup:v1.3.4@sha256:<digest>" (`docker buildx imagetools inspect jkaninda/pg-bkup:v1.3.4` prints the digest), or set allowUnpinnedImage: true to accept whatever the tag points to when the provider pulls it',
    ]);
    expect(refusals({ image: undefined })).toEqual([
      expect.stringMatching(/^backup\.image: no backup image is pinned; pin it by digest/),
    ]);
    expect(refusals({ image: `${PG_BKUP_IMAGE}@sha256:abc` })).toEqual([
      expect.stringMatching(/is not pinned by digest/),
    ]);
  });

  test("retention, time zone, target and service name", () => {
    expect(refusals({ retentionDays: 0, timeZone: "Mars/Olympus" })).toEqual([
      'backup.timeZone "Mars/Olympus" is not an IANA time zone, e.g. UTC or Europe/Berlin',
      "backup.retentionDays must be a whole number of days from 1 to 36500 (got 0)",
    ]);
    expect(refusals({ retentionDays: 1.5 })).toEqual([
      "backup.retentionDays must be a whole number of days from 1 to 36500 (got 1.5)",
    ]);
    expect(refusals({ serviceName: "db" })).toEqual([
      'backup.serviceName "db" is already a service; pick another',
    ]);

    const stack = newStack();
    new AkashDeploymentWithBackup(stack, "x", {
      services: { web: { image: "nginx:1.27", expose: [{ port: 80 }] } },
      backup: { ...backupOf(stack), target: { service: "pg" } },
    });
    expect(problemsOf(stack)).toEqual(['backup.target.service "pg" is not one of the services ("web")']);

    const nopw = newStack();
    new AkashDeploymentWithBackup(nopw, "x", {
      services: { pg: { image: "postgres:16", expose: [{ port: 5432 }] } },
      backup: { ...backupOf(nopw), target: { service: "pg" } },
    });
    expect(problemsOf(nopw)).toEqual([
      'backup.target.password: service "pg" has no POSTGRES_PASSWORD in its env; give the password (a token)',
    ]);
  });

  test("a private or loopback endpoint is a warning: Akash providers block egress to private ranges", () => {
    const stack = newStack();
    new AkashDeploymentWithBackup(
      stack,
      "db",
      postgresWithBackup({
        password: secretVariables(stack).password,
        backup: backupOf(stack, { destination: { endpoint: "https://10.0.0.5:9000", bucket: "backups" } }),
      }),
    );
    expect(problemsOf(stack)).toEqual([]);
    expect(warningsOf(stack)).toEqual([
      'backup: destination.endpoint "https://10.0.0.5:9000" is a private or loopback address: Akash providers block egress to private ranges, so the backup service cannot reach it; use an address reachable from the internet',
    ]);
  });
});
