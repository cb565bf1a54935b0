/**
 * The deployment manifest (akash manifest v2beta3) as the provider's Go code sees it. The provider decodes the PUT
 * body into Go structs and hashes its own re-encoding, so unknown keys vanish, missing fields become zero values,
 * `null` and `[]` stay distinct, and `omitempty` fields drop out. This module reproduces that round trip so the
 * version hash here equals the one a Go provider computes for the same body.
 */
import { sortedJsonSha256, type JsonValue } from "./go-json";

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
  proxyBufferSize: number;
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
    tee: { type: string; attestation: boolean } | null;
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

type Schema =
  | { kind: "string" | "bool" | "uint32" | "int32" | "mathInt" }
  | { kind: "slice"; of: Schema }
  | { kind: "struct"; name: string; pointer?: boolean; fields: Field[] };
interface Field {
  json: string;
  schema: Schema;
  omitempty?: boolean;
}

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
const expose: Schema = {
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
          { json: "proxyBufferSize", schema: u32, omitempty: true },
        ],
      },
    },
    { json: "ip", schema: str },
    { json: "endpointSequenceNumber", schema: u32 },
  ],
};
const service: Schema = {
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
    { json: "expose", schema: { kind: "slice", of: expose } },
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
          {
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
          },
        ],
      },
    },
    credentials(false),
  ],
};
const group: Schema = {
  kind: "struct",
  name: "Group",
  fields: [
    { json: "name", schema: str },
    { json: "services", schema: { kind: "slice", of: service } },
  ],
};
const manifestSchema: Schema = { kind: "slice", of: group };

const GO_TYPE: Record<string, string> = {
  string: "string",
  bool: "bool",
  uint32: "uint32",
  int32: "v1beta4.Endpoint_Kind",
  mathInt: "math.Int",
};

function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value;
}

function goTypeName(schema: Schema): string {
  if (schema.kind === "slice") return `[]${goTypeName(schema.of)}`;
  if (schema.kind === "struct") return `${schema.pointer ? "*" : ""}v2beta3.${schema.name}`;
  return GO_TYPE[schema.kind] ?? schema.kind;
}

/** `where` is "<innermost struct>.<field path from the root>", as Go's UnmarshalTypeError prints it. */
function mismatch(value: unknown, schema: Schema, where: string): ManifestDecodeError {
  const what = typeof value === "number" ? `number ${value}` : jsonKind(value);
  const target = where ? `Go struct field ${where}` : "Go value";
  return new ManifestDecodeError(
    `json: cannot unmarshal ${what} into ${target} of type ${goTypeName(schema)}`,
  );
}

function zero(schema: Schema): unknown {
  switch (schema.kind) {
    case "string":
      return "";
    case "bool":
      return false;
    case "uint32":
    case "int32":
      return 0;
    case "mathInt":
      return "0";
    case "slice":
      return null;
    case "struct":
      return schema.pointer ? null : decodeStruct({}, schema, "");
  }
}

/** Go matches an exact key first, then a case-insensitive one. */
function lookup(object: Record<string, unknown>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(object)) if (k.toLowerCase() === lower) return object[k];
  return undefined;
}

function decodeStruct(value: Record<string, unknown>, schema: Schema & { kind: "struct" }, path: string) {
  const out: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const raw = lookup(value, field.json);
    const fieldPath = path ? `${path}.${field.json}` : field.json;
    out[field.json] =
      raw === undefined || raw === null
        ? zero(field.schema)
        : decode(raw, field.schema, fieldPath, schema.name);
  }
  return out;
}

function decode(value: unknown, schema: Schema, path: string, owner = ""): unknown {
  const where = owner ? `${owner}.${path}` : "";
  switch (schema.kind) {
    case "string":
      if (typeof value !== "string") throw mismatch(value, schema, where);
      return value;
    case "bool":
      if (typeof value !== "boolean") throw mismatch(value, schema, where);
      return value;
    case "uint32":
    case "int32": {
      const [min, max] = schema.kind === "uint32" ? [0, 0xffffffff] : [-0x80000000, 0x7fffffff];
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw mismatch(value, schema, where);
      }
      return value;
    }
    case "mathInt": {
      if (typeof value !== "string") throw mismatch(value, schema, where);
      if (!/^-?\d+$/.test(value))
        throw new ManifestDecodeError(`math/big: cannot unmarshal "${value}" into a *big.Int`);
      return BigInt(value).toString();
    }
    case "slice":
      if (!Array.isArray(value)) throw mismatch(value, schema, where);
      return value.map((item) => (item === null ? zero(schema.of) : decode(item, schema.of, path, owner)));
    case "struct":
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw mismatch(value, schema, where);
      return decodeStruct(value as Record<string, unknown>, schema, path);
  }
}

function isEmpty(value: unknown, schema: Schema): boolean {
  switch (schema.kind) {
    case "string":
      return value === "";
    case "bool":
      return value === false;
    case "uint32":
    case "int32":
      return value === 0;
    case "mathInt":
      return false;
    case "slice":
      return value === null || (value as unknown[]).length === 0;
    case "struct":
      return schema.pointer === true && value === null;
  }
}

function encode(value: unknown, schema: Schema): JsonValue {
  switch (schema.kind) {
    case "string":
    case "bool":
    case "uint32":
    case "int32":
    case "mathInt":
      return value as JsonValue;
    case "slice":
      return value === null ? null : (value as unknown[]).map((item) => encode(item, schema.of));
    case "struct": {
      if (value === null) return null;
      const object = value as Record<string, unknown>;
      const out: Record<string, JsonValue> = {};
      for (const field of schema.fields) {
        const fieldValue = object[field.json];
        if (field.omitempty && isEmpty(fieldValue, field.schema)) continue;
        out[field.json] = encode(fieldValue, field.schema);
      }
      return out;
    }
  }
}

/** Decode a PUT body as the provider does (`json.NewDecoder(body).Decode(&manifest)`). */
export function decodeManifest(body: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ManifestDecodeError(error instanceof Error ? error.message : String(error));
  }
  if (parsed === null) return [];
  return decode(parsed, manifestSchema, "") as Manifest;
}

/** The manifest as Go's json.Marshal writes it (before key sorting). */
export function manifestToGoJson(manifest: Manifest): JsonValue {
  return encode(manifest, manifestSchema);
}

/** The manifest version: SHA-256 of the sorted Go JSON; must equal the deployment's on-chain `hash`. */
export function manifestVersion(manifest: Manifest): Uint8Array {
  return sortedJsonSha256(manifestToGoJson(manifest));
}
