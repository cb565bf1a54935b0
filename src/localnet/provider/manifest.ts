/**
 * The deployment manifest (akash manifest v2beta3) as the provider's Go code sees it. The provider decodes the PUT
 * body into Go structs and hashes its own re-encoding, so unknown keys vanish, missing fields become zero values,
 * `null` and `[]` stay distinct, and `omitempty` fields drop out. This module reproduces that round trip so the
 * version hash here equals the one a Go provider computes for the same body. Which optional fields the types have
 * depends on the provider's chain-sdk version (its ManifestDialect): an older provider drops the 2026 fields.
 */
import { sortedJsonSha256, type JsonValue } from "./go-json";
import { decode, encode, GoDecodeError, type Field, type Schema } from "./go-struct-codec";
import type { ManifestDialect } from "./software";

export interface ManifestAttribute {
  key: string;
  value: string;
}
export interface ResourceValue {
  /** cosmossdk.io/math.Int as a decimal string. */
  val: string;
}
export interface ManifestResources {
  id: number;
  cpu: { units: ResourceValue; attributes: ManifestAttribute[] | null } | null;
  memory: { size: ResourceValue; attributes: ManifestAttribute[] | null } | null;
  storage: { name: string; size: ResourceValue; attributes: ManifestAttribute[] | null }[] | null;
  gpu: { units: ResourceValue; attributes: ManifestAttribute[] | null } | null;
  endpoints: { kind: number; sequence_number: number }[] | null;
}
export interface ManifestHttpOptions {
  maxBodySize: number;
  readTimeout: number;
  sendTimeout: number;
  nextTries: number;
  nextTimeout: number;
  nextCases: string[] | null;
  /** Only with a dialect that knows it (chain-sdk go after v0.3.1). */
  proxyBufferSize?: number;
}
export interface ManifestExpose {
  port: number;
  externalPort: number;
  proto: string;
  service: string;
  global: boolean;
  hosts: string[] | null;
  httpOptions: ManifestHttpOptions;
  ip: string;
  endpointSequenceNumber: number;
}
export interface ImageCredentials {
  host: string;
  email: string;
  username: string;
  password: string;
}
export interface ManifestService {
  name: string;
  image: string;
  command: string[] | null;
  args: string[] | null;
  env: string[] | null;
  resources: ManifestResources;
  count: number;
  expose: ManifestExpose[] | null;
  params: {
    storage: { name: string; mount: string; readOnly: boolean }[] | null;
    credentials: ImageCredentials | null;
    permissions: { read: string[] | null } | null;
    /** Only with a dialect that knows it (chain-sdk go v0.3.0 and later). */
    tee?: { type: string; attestation: boolean } | null;
  } | null;
  credentials: ImageCredentials | null;
}
export interface ManifestGroup {
  name: string;
  services: ManifestService[] | null;
}
export type Manifest = ManifestGroup[];

/** A manifest body that Go's json decoder would refuse (the provider answers 422 with this text). */
export class ManifestDecodeError extends Error {}

const str: Schema = { kind: "string" };
const bool: Schema = { kind: "bool" };
const u32: Schema = { kind: "uint32" };
const strings: Schema = { kind: "slice", of: str };
const attribute: Schema = {
  kind: "struct",
  name: "Attribute",
  fields: [
    { json: "key", schema: str, omitempty: true },
    { json: "value", schema: str, omitempty: true },
  ],
};
const attributes: Schema = { kind: "slice", of: attribute };
const resourceValue: Schema = {
  kind: "struct",
  name: "ResourceValue",
  fields: [{ json: "val", schema: { kind: "mathInt" } }],
};
const unitsWithAttributes = (name: string, quantityKey: string): Schema => ({
  kind: "struct",
  name,
  pointer: true,
  fields: [
    { json: quantityKey, schema: resourceValue },
    { json: "attributes", schema: attributes, omitempty: true },
  ],
});
const resources: Schema = {
  kind: "struct",
  name: "Resources",
  fields: [
    { json: "id", schema: u32 },
    { json: "cpu", schema: unitsWithAttributes("CPU", "units"), omitempty: true },
    { json: "memory", schema: unitsWithAttributes("Memory", "size"), omitempty: true },
    {
      json: "storage",
      omitempty: true,
      schema: {
        kind: "slice",
        of: {
          kind: "struct",
          name: "Storage",
          fields: [
            { json: "name", schema: str },
            { json: "size", schema: resourceValue },
            { json: "attributes", schema: attributes, omitempty: true },
          ],
        },
      },
    },
    { json: "gpu", schema: unitsWithAttributes("GPU", "units"), omitempty: true },
    {
      json: "endpoints",
      schema: {
        kind: "slice",
        of: {
          kind: "struct",
          name: "Endpoint",
          fields: [
            { json: "kind", schema: { kind: "int32" }, omitempty: true },
            { json: "sequence_number", schema: u32 },
          ],
        },
      },
    },
  ],
};
const credentials = (omitempty: boolean): Field => ({
  json: "credentials",
  omitempty,
  schema: {
    kind: "struct",
    name: "ImageCredentials",
    pointer: true,
    fields: ["host", "email", "username", "password"].map((json) => ({ json, schema: str })),
  },
});
const exposeSchema = (dialect: ManifestDialect): Schema => ({
  kind: "struct",
  name: "ServiceExpose",
  fields: [
    { json: "port", schema: u32 },
    { json: "externalPort", schema: u32 },
    { json: "proto", schema: str },
    { json: "service", schema: str },
    { json: "global", schema: bool },
    { json: "hosts", schema: strings },
    {
      json: "httpOptions",
      schema: {
        kind: "struct",
        name: "ServiceExposeHTTPOptions",
        fields: [
          ...["maxBodySize", "readTimeout", "sendTimeout", "nextTries", "nextTimeout"].map((json) => ({
            json,
            schema: u32,
          })),
          { json: "nextCases", schema: strings, omitempty: true },
          ...(dialect.proxyBufferSize ? [{ json: "proxyBufferSize", schema: u32, omitempty: true }] : []),
        ],
      },
    },
    { json: "ip", schema: str },
    { json: "endpointSequenceNumber", schema: u32 },
  ],
});
const teeParams: Field = {
  json: "tee",
  omitempty: true,
  schema: {
    kind: "struct",
    name: "TEEParams",
    pointer: true,
    fields: [
      { json: "type", schema: str },
      { json: "attestation", schema: bool },
    ],
  },
};
const serviceSchema = (dialect: ManifestDialect): Schema => ({
  kind: "struct",
  name: "Service",
  fields: [
    { json: "name", schema: str },
    { json: "image", schema: str },
    { json: "command", schema: strings },
    { json: "args", schema: strings },
    { json: "env", schema: strings },
    { json: "resources", schema: resources },
    { json: "count", schema: u32 },
    { json: "expose", schema: { kind: "slice", of: exposeSchema(dialect) } },
    {
      json: "params",
      omitempty: true,
      schema: {
        kind: "struct",
        name: "ServiceParams",
        pointer: true,
        fields: [
          {
            json: "storage",
            schema: {
              kind: "slice",
              of: {
                kind: "struct",
                name: "StorageParams",
                fields: [
                  { json: "name", schema: str },
                  { json: "mount", schema: str },
                  { json: "readOnly", schema: bool },
                ],
              },
            },
          },
          credentials(true),
          {
            json: "permissions",
            omitempty: true,
            schema: {
              kind: "struct",
              name: "ServicePermissions",
              pointer: true,
              fields: [{ json: "read", schema: strings, omitempty: true }],
            },
          },
          ...(dialect.tee ? [teeParams] : []),
        ],
      },
    },
    credentials(false),
  ],
});

const schemas = new Map<string, Schema>();

/** The Go type of a whole manifest ([]Group) for a dialect, built once per dialect. */
function manifestSchema(dialect: ManifestDialect): Schema {
  const key = `${dialect.proxyBufferSize}/${dialect.tee}`;
  let schema = schemas.get(key);
  if (schema === undefined) {
    const group: Schema = {
      kind: "struct",
      name: "Group",
      fields: [
        { json: "name", schema: str },
        { json: "services", schema: { kind: "slice", of: serviceSchema(dialect) } },
      ],
    };
    schema = { kind: "slice", of: group };
    schemas.set(key, schema);
  }
  return schema;
}

/** Decode a PUT body as the provider does (`json.NewDecoder(body).Decode(&manifest)`) with its dialect's types. */
export function decodeManifest(body: string, dialect: ManifestDialect): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ManifestDecodeError(error instanceof Error ? error.message : String(error));
  }
  if (parsed === null) return [];
  try {
    return decode(parsed, manifestSchema(dialect), "") as Manifest;
  } catch (error) {
    if (error instanceof GoDecodeError) throw new ManifestDecodeError(error.message);
    throw error;
  }
}

/** The manifest as Go's json.Marshal writes it (before key sorting). */
export function manifestToGoJson(manifest: Manifest, dialect: ManifestDialect): JsonValue {
  return encode(manifest, manifestSchema(dialect));
}

/** The manifest version: SHA-256 of the sorted Go JSON; must equal the deployment's on-chain `hash`. */
export function manifestVersion(manifest: Manifest, dialect: ManifestDialect): Uint8Array {
  return sortedJsonSha256(manifestToGoJson(manifest, dialect));
}
