/**
 * Preset: a PostgreSQL server with its data on a persistent volume, reachable from other deployments through a
 * forwarded port (`service.forwardedPort(5432).address`). Plain `AkashService` props — spread and override.
 * `postgresWithBackup` adds a scheduled backup to S3 (props for `AkashDeploymentWithBackup`).
 */
import type { AkashServiceProps } from "./akash-service";
import type { PostgresBackupProps } from "./backups/postgres-backup-props";
import type { ServiceSpec, StorageClass } from "./service-spec";

export const POSTGRES_PORT = 5432;

export interface PostgresProps {
  /** Superuser password (POSTGRES_PASSWORD). Use a terraform variable or secret, not a literal in code. */
  readonly password: string;
  /** Database created at first start. Default `app`. */
  readonly database?: string;
  /** Superuser name. Default `postgres`. */
  readonly user?: string;
  /** Data volume size. Default `10Gi`. */
  readonly size?: string;
  /** Data volume class. Default `beta2` (SSD). */
  readonly storageClass?: StorageClass;
  /** Image. Default `postgres:16`. */
  readonly image?: string;
  /** CPU cores. Default 1. */
  readonly cpu?: number;
  /** Memory. Default `1Gi` (shared_buffers defaults fit in it). */
  readonly memory?: string;
}

export function postgres(props: PostgresProps): AkashServiceProps {
  return {
    image: props.image ?? "postgres:16",
    env: {
      POSTGRES_PASSWORD: props.password,
      POSTGRES_USER: props.user ?? "postgres",
      POSTGRES_DB: props.database ?? "app",
      // The volume's root holds lost+found on some storage classes; postgres wants an empty directory.
      PGDATA: "/var/lib/postgresql/data/pgdata",
    },
    cpu: props.cpu ?? 1,
    memory: props.memory ?? "1Gi",
    storage: "1Gi",
    volumes: [
      {
        name: "data",
        size: props.size ?? "10Gi",
        mount: "/var/lib/postgresql/data",
        class: props.storageClass ?? "beta2",
      },
    ],
    expose: [{ port: POSTGRES_PORT, as: POSTGRES_PORT }],
  };
}

export interface PostgresWithBackupProps extends PostgresProps {
  /** Name of the PostgreSQL service in the SDL. Default `db`. */
  readonly serviceName?: string;
  /** Schedule, destination, credentials and retention of the backups (the target is this database). */
  readonly backup: Omit<PostgresBackupProps, "target">;
}

/**
 * The `postgres` preset plus its backup, as props for `AkashDeploymentWithBackup` — spread them and add
 * placement, deposit or more services: `new AkashDeploymentWithBackup(this, "db", { ...postgresWithBackup(…) })`.
 * The backup service reads the user, password and database from the preset's env.
 */
export function postgresWithBackup(props: PostgresWithBackupProps): {
  services: Record<string, ServiceSpec>;
  backup: PostgresBackupProps;
} {
  const { serviceName = "db", backup, ...database } = props;
  return {
    services: { [serviceName]: postgres(database) },
    backup: { ...backup, target: { service: serviceName } },
  };
}
