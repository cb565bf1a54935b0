/**
 * Group specs between the Go JSON form (what Go prints, what the fixtures hold) and chain-sdk's protobuf objects
 * (what goes into `MsgCreateDeployment.groups`). Only types are imported from chain-sdk, so this costs nothing at
 * load time.
 *
 * Encoding choices, checked against chain-sdk 1.0.0-alpha.25:
 * - `ResourceValue.val` (Go customtype math.Int) is the UTF-8 text of the decimal integer ("134217728"), which is
 *   how Go's math.Int marshals itself into protobuf bytes.
 * - `DecCoin.amount` (Go customtype LegacyDec) is given as the human decimal with 18 fractional digits
 *   ("50.000000000000000000"). chain-sdk's patched DecCoin codec converts it to LegacyDec atomics (the integer
 *   scaled by 10^18, "50000000000000000000") when encoding and back when decoding, so we must NOT pre-scale it.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { formatLegacyDec, parseLegacyDec } from "./legacy-dec";
import type { GoAttribute, GoEndpoint, GoGroupSpec, GoResources } from "./manifest-types";

type ProtoResources = NonNullable<GroupSpec["resources"][number]["resource"]>;
type ProtoAttribute = { key: string; value: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toProtoAttributes(attributes: GoAttribute[] | null | undefined): ProtoAttribute[] {
  return (attributes ?? []).map((a) => ({ key: a.key ?? "", value: a.value ?? "" }));
}

function resourceValue(val: string): { val: Uint8Array } {
  return { val: encoder.encode(val) };
}

function toProtoResources(resources: GoResources): ProtoResources {
  return {
    id: resources.id,
    cpu: {
      units: resourceValue(resources.cpu.units.val),
      attributes: toProtoAttributes(resources.cpu.attributes),
    },
    memory: {
      quantity: resourceValue(resources.memory.size.val),
      attributes: toProtoAttributes(resources.memory.attributes),
    },
    storage: (resources.storage ?? []).map((s) => ({
      name: s.name,
      quantity: resourceValue(s.size.val),
      attributes: toProtoAttributes(s.attributes),
    })),
    gpu: {
      units: resourceValue(resources.gpu.units.val),
      attributes: toProtoAttributes(resources.gpu.attributes),
    },
    endpoints: resources.endpoints.map((e) => ({ kind: e.kind ?? 0, sequenceNumber: e.sequence_number })),
  };
}

/** Go JSON group specs → chain-sdk GroupSpec objects for MsgCreateDeployment. */
export function groupSpecsFromGoJson(groupSpecs: GoGroupSpec[]): GroupSpec[] {
  return groupSpecs.map((g) => ({
    name: g.name,
    requirements: {
      signedBy: {
        allOf: [...(g.requirements.signed_by.all_of ?? [])],
        anyOf: [...(g.requirements.signed_by.any_of ?? [])],
      },
      attributes: toProtoAttributes(g.requirements.attributes),
    },
    resources: g.resources.map((u) => ({
      resource: toProtoResources(u.resource),
      count: u.count,
      price: { denom: u.price.denom, amount: u.price.amount },
    })),
  }));
}

function fromProtoAttributes(attributes: ProtoAttribute[] | undefined): GoAttribute[] | undefined {
  if (!attributes || attributes.length === 0) return undefined;
  return attributes.map((a) => ({
    ...(a.key ? { key: a.key } : {}),
    ...(a.value ? { value: a.value } : {}),
  }));
}

function valText(value: { val: Uint8Array } | undefined): { val: string } {
  return { val: value && value.val.length > 0 ? decoder.decode(value.val) : "0" };
}

function withAttributes<T extends object>(
  base: T,
  attributes: ProtoAttribute[] | undefined,
): T & { attributes?: GoAttribute[] } {
  const goAttrs = fromProtoAttributes(attributes);
  return goAttrs ? { ...base, attributes: goAttrs } : base;
}

function fromProtoResources(r: ProtoResources | undefined): GoResources {
  const storage = (r?.storage ?? []).map((s) =>
    withAttributes({ name: s.name, size: valText(s.quantity) }, s.attributes),
  );
  return {
    id: r?.id ?? 0,
    cpu: withAttributes({ units: valText(r?.cpu?.units) }, r?.cpu?.attributes),
    memory: withAttributes({ size: valText(r?.memory?.quantity) }, r?.memory?.attributes),
    ...(storage.length > 0 ? { storage } : {}),
    gpu: withAttributes({ units: valText(r?.gpu?.units) }, r?.gpu?.attributes),
    endpoints: (r?.endpoints ?? []).map((e): GoEndpoint =>
      e.kind === 1 || e.kind === 2
        ? { kind: e.kind, sequence_number: e.sequenceNumber }
        : { sequence_number: e.sequenceNumber },
    ),
  };
}

function normaliseAmount(amount: string): string {
  const atomics = parseLegacyDec(amount);
  return atomics === undefined ? amount : formatLegacyDec(atomics);
}

/**
 * chain-sdk GroupSpec objects → the Go JSON form. Protobuf cannot tell an empty list from an absent one, so empty
 * lists come out the way Go prints a group spec read from the chain: `null` for signers and requirement attributes.
 */
export function groupSpecsToGoJson(groupSpecs: GroupSpec[]): GoGroupSpec[] {
  return groupSpecs.map((g) => {
    const allOf = g.requirements?.signedBy?.allOf ?? [];
    const anyOf = g.requirements?.signedBy?.anyOf ?? [];
    const attributes = g.requirements?.attributes ?? [];
    return {
      name: g.name,
      requirements: {
        signed_by: {
          all_of: allOf.length > 0 ? [...allOf] : null,
          any_of: anyOf.length > 0 ? [...anyOf] : null,
        },
        attributes: attributes.length > 0 ? fromProtoAttributes(attributes)! : null,
      },
      resources: g.resources.map((u) => ({
        resource: fromProtoResources(u.resource),
        count: u.count,
        price: { denom: u.price?.denom ?? "", amount: normaliseAmount(u.price?.amount ?? "0") },
      })),
    };
  });
}
