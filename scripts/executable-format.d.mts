export const SEA_FUSE: string;
export interface ExecutableInfo {
  format: "elf" | "macho";
  arch: "amd64" | "arm64" | "unknown";
  seaBlob: boolean;
  fuseSet: boolean;
  codeSignature: boolean;
}
export function inspectExecutable(buf: Buffer): ExecutableInfo;
export function stripCodeSignature(input: Buffer): Buffer;
