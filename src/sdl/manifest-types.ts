/**
 * The manifest and group specs in the Go JSON form: field names, nulls and omitted fields exactly as Go's
 * encoding/json writes chain-sdk's `manifest/v2beta3` and `deployment/v1beta4` types. This is what a provider
 * receives and hashes, and what `test/fixtures/sdl/*` contain. Optional (`?`) fields are Go `omitempty` ones.
 */

export interface GoResourceValue {
  val: string;
}

/** Go omits an empty key or value (`omitempty`). */
export interface GoAttribute {
  key?: string;
  value?: string;
}

/** `kind` is omitted for SHARED_HTTP (0); RANDOM_PORT = 1, LEASED_IP = 2. */
export interface GoEndpoint {
  kind?: 1 | 2;
  sequence_number: number;
}

export interface GoStorage {
  name: string;
  size: GoResourceValue;
  attributes?: GoAttribute[];
}

export interface GoResources {
  id: number;
  cpu: { units: GoResourceValue; attributes?: GoAttribute[] };
  memory: { size: GoResourceValue; attributes?: GoAttribute[] };
  storage?: GoStorage[];
  gpu: { units: GoResourceValue; attributes?: GoAttribute[] };
  endpoints: GoEndpoint[];
}

export interface ManifestHttpOptions {
  maxBodySize: number;
  readTimeout: number;
  sendTimeout: number;
  nextTries: number;
  nextTimeout: number;
  nextCases?: string[];
  proxyBufferSize?: number;
}

export interface ManifestServiceExpose {
  port: number;
  externalPort: number;
  proto: "TCP" | "UDP";
  service: string;
  global: boolean;
  hosts: string[] | null;
  httpOptions: ManifestHttpOptions;
  ip: string;
  endpointSequenceNumber: number;
}

export interface ManifestImageCredentials {
  host: string;
  email: string;
  username: string;
  password: string;
}

export interface ManifestServiceParams {
  storage: { name: string; mount: string; readOnly: boolean }[] | null;
  permissions?: { read?: string[] };
  tee?: { type: string; attestation: boolean };
}

export interface ManifestService {
  name: string;
  image: string;
  command: string[] | null;
  args: string[] | null;
  env: string[] | null;
  resources: GoResources;
  count: number;
  expose: ManifestServiceExpose[];
  params?: ManifestServiceParams;
  credentials: ManifestImageCredentials | null;
}

export interface ManifestGroup {
  name: string;
  services: ManifestService[];
}

export interface GoDecCoin {
  denom: string;
  /** LegacyDec with 18 decimals: "50.000000000000000000". */
  amount: string;
}

export interface GoResourceUnit {
  resource: GoResources;
  count: number;
  price: GoDecCoin;
}

export interface GoGroupSpec {
  name: string;
  requirements: {
    signed_by: { all_of: string[] | null; any_of: string[] | null };
    attributes: GoAttribute[] | null;
  };
  resources: GoResourceUnit[];
}
