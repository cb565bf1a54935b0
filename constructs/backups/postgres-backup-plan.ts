/**
 * Adds a PostgreSQL backup service to a deployment's typed services. On Akash a persistent volume belongs to the
 * one service that declares it (the provider makes it a volume claim template of that service's StatefulSet), so
 * no second service can mount it; the backup service instead connects to PostgreSQL over the deployment's
 * internal network and runs pg_dump on a schedule (pg-bkup), uploading each dump to S3. It runs in the target's
 * placement group — services of one group share a provider and a namespace, the only scope in which Akash's
 * service-to-service exposes work — and the target's port is opened to it.
 */
import { Token } from "cdktf";
import type { ExposeSpec, ServiceSpec } from "../service-spec";
import { chooseBackupImage } from "./backup-image";
import { literalSecretProblem } from "./backup-secret";
import { cronScheduleProblem } from "./cron-schedule";
import type { PostgresBackupProps } from "./postgres-backup-props";
import { checkDestination, s3Environment } from "./s3-destination";

export const DEFAULT_SCHEDULE = "@daily";
export const DEFAULT_TIME_ZONE = "UTC";
const POSTGRES_PORT = 5432;
const MAX_RETENTION_DAYS = 36500;

export interface PostgresBackupPlan {
  /** The services with the backup service added and the target's port opened to it. */
  services: Record<string, ServiceSpec>;
  /** The backup service's name. */
  serviceName: string;
  /** The folder inside the bucket (as given, or the target's name). */
  prefix: string;
  problems: string[];
  warnings: string[];
  /** The image is a token: terraform must check its digest at plan time. */
  imageCheckAtPlan?: string;
}

const isToken = (value: string) => Token.isUnresolved(value);

function checkSchedule(props: PostgresBackupProps, problems: string[]): void {
  const schedule = props.schedule ?? DEFAULT_SCHEDULE;
  const problem = isToken(schedule) ? undefined : cronScheduleProblem(schedule);
  if (problem) problems.push(`schedule "${schedule}": ${problem}`);
  const zone = props.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isToken(zone)) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
    } catch {
      problems.push(`timeZone "${zone}" is not an IANA time zone, e.g. UTC or Europe/Berlin`);
    }
  }
  const days = props.retentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS))
    problems.push(
      `retentionDays must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (got ${days})`,
    );
}

/** The target's connection settings: explicit props first, then the official postgres image's env. */
function connection(
  target: ServiceSpec,
  props: PostgresBackupProps,
): { user: string; database: string; password: string | undefined } {
  const env = target.env ?? {};
  const user = props.target.user ?? env.POSTGRES_USER ?? "postgres";
  return {
    user,
    database: props.target.database ?? env.POSTGRES_DB ?? env.POSTGRES_USER ?? "postgres",
    password: props.target.password ?? env.POSTGRES_PASSWORD,
  };
}

/** The target's exposes with its PostgreSQL port opened to `backup` (added as an internal expose if missing). */
function openPort(target: ServiceSpec, port: number, backup: string): { expose: ExposeSpec[]; as: number } {
  const expose = [...(target.expose ?? [])];
  const index = expose.findIndex((e) => e.port === port && e.proto !== "udp");
  if (index < 0) return { expose: [...expose, { port, global: false, toServices: [backup] }], as: port };
  const found = expose[index]!;
  const toServices = found.toServices?.includes(backup)
    ? found.toServices
    : [...(found.toServices ?? []), backup];
  expose[index] = { ...found, toServices };
  return { expose, as: found.as ?? found.port };
}

function backupEnvironment(
  props: PostgresBackupProps,
  db: { host: string; port: number; user: string; database: string; password: string },
  prefix: string,
): Record<string, string> {
  return {
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_NAME: db.database,
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password,
    ...s3Environment(props.destination, props.credentials, prefix),
    BACKUP_CRON_EXPRESSION: props.schedule ?? DEFAULT_SCHEDULE,
    TZ: props.timeZone ?? DEFAULT_TIME_ZONE,
    ...(props.retentionDays !== undefined ? { BACKUP_RETENTION_DAYS: String(props.retentionDays) } : {}),
    ...(props.encryptionPassphrase !== undefined ? { GPG_PASSPHRASE: props.encryptionPassphrase } : {}),
  };
}

/** Checks of the props that do not depend on the target; returns the image to run. */
function checkProps(props: PostgresBackupProps, prefix: string, plan: PostgresBackupPlan): string {
  checkSchedule(props, plan.problems);
  const destination = checkDestination(props.destination, props.credentials, prefix);
  plan.problems.push(...destination.problems);
  plan.warnings.push(...destination.warnings);
  if (props.encryptionPassphrase !== undefined) {
    const problem = literalSecretProblem("encryptionPassphrase", props.encryptionPassphrase);
    if (problem) plan.problems.push(problem);
  }
  const image = chooseBackupImage(props.image, props.allowUnpinnedImage ?? false);
  plan.problems.push(...image.problems);
  plan.warnings.push(...image.warnings);
  if (image.checkAtPlan) plan.imageCheckAtPlan = image.image;
  return image.image;
}

export function planPostgresBackup(
  services: Record<string, ServiceSpec>,
  props: PostgresBackupProps,
): PostgresBackupPlan {
  const targetName = props.target.service;
  const serviceName = props.serviceName ?? `${targetName}-backup`;
  const prefix = props.destination.prefix ?? targetName;
  const plan: PostgresBackupPlan = { services, serviceName, prefix, problems: [], warnings: [] };
  const target = services[targetName];
  if (!target) {
    const known = Object.keys(services).map((s) => `"${s}"`);
    plan.problems.push(`target.service "${targetName}" is not one of the services (${known.join(", ")})`);
    return plan;
  }
  if (serviceName in services) {
    plan.problems.push(`serviceName "${serviceName}" is already a service; pick another`);
    return plan;
  }
  const image = checkProps(props, prefix, plan);
  const db = connection(target, props);
  if (db.password === undefined)
    plan.problems.push(
      `target.password: service "${targetName}" has no POSTGRES_PASSWORD in its env; give the password (a token)`,
    );
  else if (!isToken(db.password))
    plan.warnings.push(
      `the password of service "${targetName}" is a literal: it is in cdk.tf.json; pass a sensitive variable`,
    );
  const port = props.target.port ?? POSTGRES_PORT;
  const opened = openPort(target, port, serviceName);
  const backup: ServiceSpec = {
    image,
    args: ["backup", "--storage", "s3"],
    env: backupEnvironment(
      props,
      { host: targetName, port: opened.as, ...db, password: db.password ?? "" },
      prefix,
    ),
    cpu: props.cpu ?? 0.5,
    memory: props.memory ?? "512Mi",
    storage: props.storage ?? "2Gi",
    ...(props.maxPricePerBlock !== undefined ? { maxPricePerBlock: props.maxPricePerBlock } : {}),
    ...(target.group !== undefined ? { group: target.group } : {}),
  };
  plan.services = { ...services, [targetName]: { ...target, expose: opened.expose }, [serviceName]: backup };
  return plan;
}
