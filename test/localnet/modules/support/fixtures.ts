/** Deterministic addresses and deployment building blocks for module tests. */
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";

export function address(label: string): string {
  return toBech32("akash", sha256(new TextEncoder().encode(label)).slice(0, 20));
}

export const hashOf = (text: string): Uint8Array => sha256(new TextEncoder().encode(text));

const value = (n: bigint | number) => ({ val: new TextEncoder().encode(String(n)) });

export function groupSpec(
  opts: {
    name?: string;
    price?: string;
    denom?: string;
    count?: number;
    attributes?: { key: string; value: string }[];
    signedBy?: { allOf?: string[]; anyOf?: string[] };
  } = {},
): GroupSpec {
  return {
    name: opts.name ?? "dcloud",
    requirements: {
      signedBy: { allOf: opts.signedBy?.allOf ?? [], anyOf: opts.signedBy?.anyOf ?? [] },
      attributes: opts.attributes ?? [],
    },
    resources: [
      {
        resource: {
          id: 1,
          cpu: { units: value(500), attributes: [] },
          memory: { quantity: value(512n * 1024n * 1024n), attributes: [] },
          storage: [{ name: "default", quantity: value(1024n * 1024n * 1024n), attributes: [] }],
          gpu: { units: value(0), attributes: [] },
          endpoints: [{ kind: 0, sequenceNumber: 0 }],
        },
        count: opts.count ?? 1,
        price: { denom: opts.denom ?? "uact", amount: opts.price ?? "1000" },
      },
    ],
  };
}
