/**
 * The SDL after decoding: typed, with quantities parsed, but not yet turned into groups. Empty-vs-absent matters
 * where Go distinguishes it (`env: []` is written as `[]`, an absent `env` as `null`), hence the `| null`s.
 */

export type SdlVersion = "2.0" | "2.1";

export interface Attribute {
  key: string;
  value: string;
}

export interface HttpOptionsModel {
  maxBodySize: number;
  proxyBufferSize: number;
  readTimeout: number;
  sendTimeout: number;
  nextTries: number;
  nextTimeout: number;
  nextCases: string[] | null;
}

export interface ExposeToModel {
  service: string;
  global: boolean;
  ip: string;
}

export interface ExposeModel {
  port: number;
  /** External port; 0 when `as` is absent. */
  as: number;
  /** `proto` as written ("" when absent); Go uses the raw text in its IP port-collision check. */
  protoText: string;
  proto: "TCP" | "UDP";
  accept: string[] | null;
  to: ExposeToModel[];
  httpOptions: HttpOptionsModel;
}

export interface StorageParamsModel {
  mount: string;
  readOnly: boolean;
}

export interface ServiceParamsModel {
  storage: Map<string, StorageParamsModel>;
  permissions: { read: string[] | null } | null;
  tee: string;
}

export interface CredentialsModel {
  host: string;
  email: string;
  username: string;
  password: string;
}

export interface ServiceModel {
  image: string;
  command: string[] | null;
  args: string[] | null;
  env: string[] | null;
  expose: ExposeModel[];
  params: ServiceParamsModel | null;
  credentials: CredentialsModel | null;
}

export interface StorageVolumeModel {
  name: string;
  bytes: number;
  /** Normalised `persistent`/`class` attributes, sorted by key; null when the volume has no `attributes`. */
  attributes: Attribute[] | null;
}

export interface ComputeModel {
  cpuMillis: number;
  cpuAttributes: Attribute[] | null;
  memoryBytes: number;
  storage: StorageVolumeModel[];
  /** null when the profile has no `gpu` section. */
  gpu: { units: number; attributes: Attribute[] | null } | null;
}

export interface PricingModel {
  denom: string;
  /** LegacyDec atomics (amount × 10^18). */
  amountAtomics: bigint;
}

export interface PlacementModel {
  attributes: Attribute[] | null;
  signedBy: { allOf: string[] | null; anyOf: string[] | null };
  pricing: Map<string, PricingModel>;
}

export interface ServiceDeploymentModel {
  profile: string;
  count: number;
}

export interface SdlModel {
  version: SdlVersion;
  services: Map<string, ServiceModel>;
  compute: Map<string, ComputeModel>;
  placements: Map<string, PlacementModel>;
  /** service → placement → profile and count. */
  deployment: Map<string, Map<string, ServiceDeploymentModel>>;
  endpoints: Map<string, { kind: string }>;
  reclamation?: { minWindowSeconds: number };
}
