/**
 * The backup image and its pinning. The construct writes pg-bkup's interface (its `backup` command, its
 * environment variables, its S3 layout), read from jkaninda/pg-bkup at tag v1.3.4 (commit fa290c7, 2025-10-25).
 * No digest of that tag could be verified from a public source here, so none is shipped: users pin the image
 * they deploy (`docker buildx imagetools inspect jkaninda/pg-bkup:v1.3.4` prints it), and the construct refuses
 * an unpinned image unless `allowUnpinnedImage` is set. An image given as a token (e.g. a terraform variable) is
 * checked by terraform at plan time instead, through a precondition.
 */
import { Fn, Token } from "cdktf";

/** The pg-bkup release whose interface the construct writes (a tag: mutable, so pin it by digest). */
export const PG_BKUP_IMAGE = "jkaninda/pg-bkup:v1.3.4";

/** `name[:tag]@sha256:<64 hex>`: an image reference that always pulls the same bytes. */
export const PINNED_IMAGE = /^[^\s@]+@sha256:[0-9a-f]{64}$/;

export interface BackupImageChoice {
  /** The image the backup service runs. */
  image: string;
  problems: string[];
  warnings: string[];
  /** A token image whose pin terraform must check at plan time (see `imagePinCondition`). */
  checkAtPlan: boolean;
}

const HOW_TO_PIN =
  `pin it by digest, e.g. "${PG_BKUP_IMAGE}@sha256:<digest>" (\`docker buildx imagetools inspect ${PG_BKUP_IMAGE}\` ` +
  "prints the digest), or set allowUnpinnedImage: true to accept whatever the tag points to when the provider pulls it";

export function chooseBackupImage(image: string | undefined, allowUnpinnedImage: boolean): BackupImageChoice {
  const choice: BackupImageChoice = {
    image: image ?? PG_BKUP_IMAGE,
    problems: [],
    warnings: [],
    checkAtPlan: false,
  };
  if (image !== undefined && Token.isUnresolved(image)) {
    choice.checkAtPlan = !allowUnpinnedImage;
    return choice;
  }
  if (PINNED_IMAGE.test(choice.image)) return choice;
  if (allowUnpinnedImage) {
    choice.warnings.push(
      `backup image "${choice.image}" is not pinned by digest: providers pull whatever the tag points to at deploy time`,
    );
  } else if (image === undefined) {
    choice.problems.push(`image: no backup image is pinned; ${HOW_TO_PIN}`);
  } else {
    choice.problems.push(`image "${image}" is not pinned by digest; ${HOW_TO_PIN}`);
  }
  return choice;
}

/** Terraform condition (a token) that holds when `image` ends in `@sha256:<64 hex>`. */
export function imagePinCondition(image: string): string {
  return Token.asString(Fn.can(Fn.regex("@sha256:[0-9a-f]{64}$", image)));
}

export const IMAGE_PIN_ERROR = `The backup image must be pinned by digest: ${HOW_TO_PIN}.`;
