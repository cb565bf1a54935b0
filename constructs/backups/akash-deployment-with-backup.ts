/**
 * L2: an `AkashDeployment` whose PostgreSQL service is backed up to S3-compatible storage on a schedule. It adds
 * a backup service (pg-bkup, pinned by digest) to the target's placement group, opens the target's port to it,
 * and passes credentials only as tokens, which terraform fills in at apply time inside the sensitive `sdl`.
 * Mistakes (schedule, bucket, literal secrets, unpinned image) fail `cdktf synth` with the prop at fault.
 */
import { Annotations } from "cdktf";
import type { Construct } from "constructs";
import { AkashDeployment, type AkashDeploymentProps } from "../akash-deployment";
import type { ServiceSpec } from "../service-spec";
import { IMAGE_PIN_ERROR, imagePinCondition } from "./backup-image";
import type { PostgresBackupProps } from "./postgres-backup-props";
import { planPostgresBackup } from "./postgres-backup-plan";

export interface AkashDeploymentWithBackupProps extends Omit<
  AkashDeploymentProps,
  "services" | "sdl" | "sdlFile" | "groupCount"
> {
  /** Typed services, the backup's target among them. The backup service is added to them. */
  readonly services: Record<string, ServiceSpec>;
  /** The backup: target service, schedule, destination, credentials, retention. */
  readonly backup: PostgresBackupProps;
}

export class AkashDeploymentWithBackup extends AkashDeployment {
  /** Name of the backup service in the SDL (for `lease-shell`, see docs/guides/backups.md). */
  readonly backupServiceName: string;
  /** Folder inside the bucket that holds the backups. */
  readonly backupPrefix: string;

  constructor(scope: Construct, id: string, props: AkashDeploymentWithBackupProps) {
    const { backup, services, ...deployment } = props;
    const plan = planPostgresBackup(services, backup);
    super(scope, id, { ...deployment, services: plan.services });
    this.backupServiceName = plan.serviceName;
    this.backupPrefix = plan.prefix;
    if (plan.problems.length > 0)
      this.node.addValidation({ validate: () => plan.problems.map((p) => `backup.${p}`) });
    for (const warning of plan.warnings) Annotations.of(this).addWarning(`backup: ${warning}`);
    if (plan.imageCheckAtPlan !== undefined) {
      // The image is only known at plan time (e.g. a variable): terraform checks its digest before creating.
      const lifecycle = this.deployment.lifecycle ?? {};
      this.deployment.lifecycle = {
        ...lifecycle,
        precondition: [
          ...(lifecycle.precondition ?? []),
          { condition: imagePinCondition(plan.imageCheckAtPlan), errorMessage: IMAGE_PIN_ERROR },
        ],
      };
    }
  }
}
