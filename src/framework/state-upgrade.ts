/** UpgradeResourceState: stored state (JSON or a legacy flatmap) of any known schema version, as a current value. */
import { DiagnosticError } from "./diagnostics";
import { flatmapToValue } from "./flatmap";
import { parseExactJson } from "./exact-json";
import { exactJsonToPlain, jsonToValue } from "./json-values";
import type { ResourceEntry } from "./provider-entries";
import type { Value } from "./values";

export interface StoredState {
  json?: string;
  flatmap?: Record<string, string>;
}

/** Decodes state of the current version directly; older versions go through the resource's `upgradeState`. */
export function upgradeStoredState<P>(
  entry: ResourceEntry<P>,
  typeName: string,
  version: number,
  raw: StoredState,
): Value {
  if (version > entry.version) {
    throw new DiagnosticError(
      "State from a newer provider",
      `The stored ${typeName} state has schema version ${version}, but this provider only knows up to version ${entry.version}. Use the provider version that wrote the state (or newer).`,
    );
  }
  if (version === entry.version) {
    if (raw.json !== undefined && raw.json.length > 0)
      return jsonToValue(entry.type, parseExactJson(raw.json));
    return flatmapToValue(entry.type, raw.flatmap ?? {});
  }
  if (!entry.def.upgradeState) {
    throw new DiagnosticError(
      "Cannot upgrade state",
      `The stored ${typeName} state has schema version ${version} and this provider cannot convert it to version ${entry.version}.`,
    );
  }
  const old =
    raw.json !== undefined && raw.json.length > 0
      ? exactJsonToPlain(parseExactJson(raw.json))
      : ({ ...(raw.flatmap ?? {}) } as Record<string, unknown>);
  if (!old || typeof old !== "object" || Array.isArray(old))
    throw new DiagnosticError("Invalid stored state", "not an object");
  return entry.def.upgradeState({ fromVersion: version, state: old as Record<string, unknown> });
}
