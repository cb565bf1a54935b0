/** Valid akash1... addresses for fakes and tests: the same seed always gives the same account. */
import { toBech32 } from "@cosmjs/encoding";

export function fakeAddress(seed: number): string {
  return toBech32("akash", new Uint8Array(20).fill(seed));
}

export const OWNER = fakeAddress(1);
export const GRANTEE = fakeAddress(2);
export const OTHER = fakeAddress(3);
export const PROVIDER_A = fakeAddress(10);
export const PROVIDER_B = fakeAddress(11);
export const AUDITOR = fakeAddress(20);
