/**
 * The localnet's provider line-up. Each provider differs in region, tier, price and hardware so that tenants can
 * exercise placement, "cheapest bid" selection, GPU placement and auditor-signed requirements. Provider 1 has
 * NVIDIA A100/H100 GPUs; providers 0 and 1 are audited by the localnet auditor.
 */
import type { Capacity } from "./capacity";
import type { Attr } from "./placement";
import { rate, type PriceScales } from "./pricing";

export interface ProviderProfile {
  index: number;
  /** On-chain provider attributes (placement + capabilities). */
  attributes: Attr[];
  /** Attributes the localnet auditor signs for this provider (none: not audited). */
  audited: Attr[];
  pricing: PriceScales;
  capacity: Capacity;
  info: { email: string; website: string };
}

const REGIONS = [
  "us-west",
  "eu-central",
  "ap-south",
  "us-east",
  "eu-west",
  "ap-northeast",
  "sa-east",
  "af-south",
];
const GIB = 1024n ** 3n;

function storageCapabilities(classes: string[]): Attr[] {
  const attrs: Attr[] = [];
  classes.forEach((cls, i) => {
    attrs.push({ key: `capabilities/storage/${i + 1}/class`, value: cls });
    attrs.push({ key: `capabilities/storage/${i + 1}/persistent`, value: cls === "ram" ? "false" : "true" });
  });
  return attrs;
}

/** Profile of provider `index` (0-based). Deterministic: the same index always gets the same profile. */
export function providerProfile(index: number): ProviderProfile {
  const region = REGIONS[index % REGIONS.length] as string;
  const premium = index % 2 === 1;
  const gpu = index === 1 || index === 4;
  // Provider 2 is the cheapest, provider 1 the most expensive; the others fall between.
  const factor = [100n, 160n, 60n, 120n, 140n, 90n, 110n, 80n, 130n, 70n][index % 10] as bigint;
  const scaled = (decimal: string) => (rate(decimal) * factor) / 100n;
  const attributes: Attr[] = [
    { key: "host", value: "akash" },
    { key: "organization", value: "akash-localnet" },
    { key: "region", value: region },
    { key: "tier", value: premium ? "premium" : "community" },
    { key: "capabilities/cpu", value: "intel" },
    { key: "capabilities/cpu/arch", value: "x86-64" },
    ...storageCapabilities(premium ? ["beta3", "ram"] : ["beta2", "ram"]),
    ...(gpu
      ? [
          { key: "capabilities/gpu", value: "nvidia" },
          { key: "capabilities/gpu/vendor/nvidia/model/a100", value: "true" },
          { key: "capabilities/gpu/vendor/nvidia/model/a100/ram/80Gi", value: "true" },
          { key: "capabilities/gpu/vendor/nvidia/model/a100/interface/sxm", value: "true" },
          { key: "capabilities/gpu/vendor/nvidia/model/h100", value: "true" },
          { key: "capabilities/gpu/vendor/nvidia/model/h100/ram/80Gi", value: "true" },
          { key: "capabilities/gpu/vendor/nvidia/model/h100/interface/sxm", value: "true" },
        ]
      : []),
  ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const audited =
    index <= 1 ? attributes.filter((a) => ["region", "tier", "host", "organization"].includes(a.key)) : [];
  return {
    index,
    attributes,
    audited,
    pricing: {
      cpu: scaled("0.05"),
      memory: scaled("0.02"),
      storage: {
        ephemeral: scaled("0.0005"),
        beta2: scaled("0.002"),
        beta3: scaled("0.003"),
        ram: scaled("0.01"),
        default: scaled("0.002"),
      },
      gpu: scaled("400"),
      endpoint: scaled("1"),
      ip: scaled("50"),
    },
    capacity: {
      cpuMillis: premium ? 128_000n : 64_000n,
      memoryBytes: (premium ? 512n : 256n) * GIB,
      storageBytes: 4096n * GIB,
      gpus: gpu ? 8n : 0n,
    },
    info: { email: `provider${index}@localnet.akash`, website: `https://provider${index}.localnet.akash` },
  };
}
