/**
 * Props of a PostgreSQL backup service: what to back up (a PostgreSQL service of the same deployment), when
 * (a cron schedule), where (an S3-compatible bucket), with which credentials (tokens only), and how long to keep
 * backups. See docs/guides/backups.md for why the backup is a logical dump over the network and not a copy of
 * the volume.
 */
import type { Size } from "../service-spec";
import type { S3Credentials, S3Destination } from "./s3-destination";

export interface PostgresBackupTarget {
  /** The service running PostgreSQL, among the deployment's services. */
  readonly service: string;
  /** Container port PostgreSQL listens on. Default 5432. */
  readonly port?: number;
  /** Database to dump. Default: the service's `POSTGRES_DB` env, else its `POSTGRES_USER`, else `postgres`. */
  readonly database?: string;
  /** User to connect as. Default: the service's `POSTGRES_USER` env, else `postgres`. */
  readonly user?: string;
  /**
   * Password of `user` (a token, e.g. the sensitive variable the database uses). Default: the service's
   * `POSTGRES_PASSWORD` env, as the `postgres` preset sets it.
   */
  readonly password?: string;
}

export interface PostgresBackupProps {
  /** What to back up. */
  readonly target: PostgresBackupTarget;
  /**
   * When to back up: five cron fields (minute hour day-of-month month day-of-week, e.g. `0 3 * * *` for 03:00
   * every day) or a descriptor (`@hourly`, `@daily`, `@weekly`, `@monthly`, `@every 6h`), in `timeZone`.
   * Checked at synth time. Default `@daily` (midnight).
   */
  readonly schedule?: string;
  /** IANA time zone of the schedule, e.g. `Europe/Berlin`. Default `UTC`. */
  readonly timeZone?: string;
  /** The S3-compatible bucket backups go to. */
  readonly destination: S3Destination;
  /** S3 credentials, as tokens (literals are refused: they would land in cdk.tf.json). */
  readonly credentials: S3Credentials;
  /**
   * Delete backups older than this many days, after each successful backup. Default: keep every backup (use a
   * bucket lifecycle rule, or set this). Careful after a loss: see "Restore" in docs/guides/backups.md.
   */
  readonly retentionDays?: number;
  /**
   * Encrypt each backup with GPG (symmetric, this passphrase) before upload: a token, literals are refused.
   * Keep the passphrase somewhere other than the bucket: without it the backups cannot be restored.
   * Default: not encrypted (the bucket's own encryption at rest only).
   */
  readonly encryptionPassphrase?: string;
  /**
   * The pg-bkup image, pinned by digest: `jkaninda/pg-bkup:v1.3.4@sha256:<digest>`. A token (e.g. a variable) is
   * checked by terraform at plan time. Default: none — synth fails until you pin one, unless `allowUnpinnedImage`.
   */
  readonly image?: string;
  /** Accept an image without a digest (`jkaninda/pg-bkup:v1.3.4` when `image` is not given). Default false. */
  readonly allowUnpinnedImage?: boolean;
  /** Name of the backup service in the SDL. Default `<target service>-backup`. */
  readonly serviceName?: string;
  /** CPU cores of the backup service (pg_dump and gzip run single-threaded). Default 0.5. */
  readonly cpu?: number;
  /** Memory of the backup service; it holds one compressed dump while uploading it. Default `512Mi`. */
  readonly memory?: Size;
  /** Ephemeral storage of the backup service; the compressed dump is written there first. Default `2Gi`. */
  readonly storage?: Size;
  /** Highest price per block of the backup service, in uact. Default 10000, as for every service. */
  readonly maxPricePerBlock?: number;
}
