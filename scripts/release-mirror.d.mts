export function mirrorRelease(
  releaseDir: string,
  mirrorDir: string,
): {
  version: string;
  /** zip file name -> sha256 (hex) */
  zips: Record<string, string>;
  fingerprint: string;
  lockEntry(host: string): string;
};
