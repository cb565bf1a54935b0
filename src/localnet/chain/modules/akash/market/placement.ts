/**
 * Whether a provider may bid on an order: its own attributes plus auditor-signed attributes must satisfy the
 * group's placement requirements (attributes and `signed_by` all_of/any_of).
 */
import type { Attribute } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { AuditRecord } from "../audit/store";

function hasAll(required: readonly Attribute[], available: readonly Attribute[]): boolean {
  return required.every((r) =>
    available.some((a) => a.key === r.key && (a.value === r.value || r.value === "*")),
  );
}

export function matchesPlacement(
  spec: GroupSpec,
  providerAttributes: readonly Attribute[],
  audits: readonly AuditRecord[],
): boolean {
  const required = spec.requirements?.attributes ?? [];
  const signedBy = spec.requirements?.signedBy;
  const audited = audits.flatMap((a) => a.attributes);
  if (!hasAll(required, [...providerAttributes, ...audited])) return false;
  const signed = (auditor: string) => {
    const audit = audits.find((a) => a.auditor === auditor);
    return audit !== undefined && hasAll(required, audit.attributes);
  };
  if (signedBy && signedBy.allOf.length > 0 && !signedBy.allOf.every(signed)) return false;
  if (signedBy && signedBy.anyOf.length > 0 && !signedBy.anyOf.some(signed)) return false;
  return true;
}
