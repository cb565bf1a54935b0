/**
 * The `akash-cdktf` package entry point for CDKTF apps: the generated L1 bindings, the hand-written L2 constructs
 * and the presets.
 */
export * from "./generated";
export * from "./service-spec";
export * from "./sdl-document";
export * from "./sdl-check";
export * from "./bid-policy-props";
export * from "./lease-endpoints";
export * from "./akash-deployment";
export * from "./akash-service";
export * from "./gpu-inference-preset";
export * from "./postgres-preset";
export * from "./terraform-text";
export * from "./akash-ci-funding";
export { DEFAULT_REGION, type S3Credentials, type S3Destination } from "./backups/s3-destination";
export * from "./backups/postgres-backup-props";
export { PG_BKUP_IMAGE, PINNED_IMAGE } from "./backups/backup-image";
export * from "./backups/akash-deployment-with-backup";
