export function signRelease(args: {
  file: string;
  sigFile: string;
  publicKeyFile: string;
  env?: NodeJS.ProcessEnv;
}): { fingerprint: string; throwaway: boolean };
export function verifyRelease(args: { file: string; sigFile: string; publicKeyFile: string }): string;
