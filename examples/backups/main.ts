/**
 * backups: PostgreSQL on a persistent volume, dumped every night at 03:00 UTC to an S3-compatible bucket (Storj
 * here; AWS S3 and MinIO work the same, see docs/guides/backups.md), encrypted with GPG, kept for 14 days.
 *
 * Every secret is a sensitive variable, set from the environment, never from code:
 *   TF_VAR_db_password, TF_VAR_backup_access_key_id, TF_VAR_backup_secret_access_key, TF_VAR_backup_passphrase
 * The backup image is a variable too, because it must be pinned by digest and the digest is yours to verify:
 *   TF_VAR_backup_image=jkaninda/pg-bkup:v1.3.4@sha256:<digest>   (docker buildx imagetools inspect …)
 * terraform refuses to plan with an image that has no digest.
 * The provider reads AKASH_NODE and AKASH_MNEMONIC from the environment.
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { AkashDeploymentWithBackup, AkashProvider, postgresWithBackup } from "akash-cdktf";

export class Backups extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AkashProvider(this, "akash", {});
    const secret = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "string", sensitive: true, description }).stringValue;
    const image = new TerraformVariable(this, "backup_image", {
      type: "string",
      description: "The pg-bkup image pinned by digest: jkaninda/pg-bkup:v1.3.4@sha256:<digest>.",
    });

    const db = new AkashDeploymentWithBackup(this, "db", {
      ...postgresWithBackup({
        password: secret("db_password", "Password of the database's postgres user."),
        size: "5Gi",
        backup: {
          schedule: "0 3 * * *",
          destination: {
            endpoint: "https://gateway.storjshare.io",
            bucket: "app-backups",
            prefix: "prod/app-db",
            pathStyle: true,
          },
          credentials: {
            accessKeyId: secret("backup_access_key_id", "S3 access key id of the backup bucket."),
            secretAccessKey: secret("backup_secret_access_key", "S3 secret access key of the backup bucket."),
          },
          encryptionPassphrase: secret("backup_passphrase", "GPG passphrase the backups are encrypted with."),
          retentionDays: 14,
          image: image.stringValue,
        },
      }),
      placement: { attributes: { region: "us-west" } },
    });

    new TerraformOutput(this, "dseq", { value: db.dseq });
    new TerraformOutput(this, "provider", { value: db.provider });
    new TerraformOutput(this, "db_address", { value: db.forwardedPort("db", 5432).address });
    new TerraformOutput(this, "backup_service", { value: db.backupServiceName });
    new TerraformOutput(this, "backup_folder", { value: `s3://app-backups/${db.backupPrefix}/` });
  }
}

const app = new App();
new Backups(app, "backups");
app.synth();
