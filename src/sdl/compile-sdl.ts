/**
 * SDL text → everything a deployment needs: the manifest (and its exact JSON), the version hash and the group
 * specs. Synchronous and pure; fast enough to run on every `terraform plan`.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { goSortedJson } from "./go-json";
import { groupSpecsFromGoJson } from "./group-spec-proto";
import { manifestHash, toHex } from "./manifest-hash";
import type { GoGroupSpec, ManifestGroup } from "./manifest-types";
import { SdlError } from "./sdl-error";
import { checkAndBuildGroups } from "./check-sdl";
import { providerFeatures, type ProviderFeature } from "./provider-features";
import type { SdlDiagnostic } from "./sdl-diagnostic";
import { sortedGoStrings } from "./go-sort";

export interface CompiledSdl {
  version: "2.0" | "2.1";
  /** The manifest a provider receives, in Go's JSON shape (equal to JSON.parse(manifestJson)). */
  manifest: ManifestGroup[];
  /** Exactly the key-sorted JSON to send in PUT /deployment/{dseq}/manifest; `hash` is computed over it. */
  manifestJson: string;
  /** SHA-256 of manifestJson (32 bytes): MsgCreateDeployment.hash. */
  hash: Uint8Array;
  hashHex: string;
  /** chain-sdk protobuf objects for MsgCreateDeployment.groups (gseq = index + 1). */
  groupSpecs: GroupSpec[];
  /** The same group specs in Go's JSON form. */
  groupSpecsGoJson: GoGroupSpec[];
  /** Deployed service names, sorted. */
  services: string[];
  /** Group (placement) names in gseq order. */
  placements: string[];
  /** The pricing denom shared by all groups. */
  denom: string;
  /** `reclamation.min_window`, if set. */
  reclamation?: { minWindowSeconds: number };
  /** Parts Akash's Go parser accepts but ignores, fills in or reads differently, each with its SDL path. */
  warnings: SdlDiagnostic[];
  /** Manifest fields that only some providers know (empty for most SDLs); see provider-features.ts. */
  providerFeatures: ProviderFeature[];
}

/** Compiles an SDL; throws SdlError listing every problem found. */
export function compileSdl(yamlText: string): CompiledSdl {
  if (typeof yamlText !== "string") throw new SdlError([{ path: "", message: "the SDL must be YAML text" }]);
  const { sdl, built, warnings } = checkAndBuildGroups(yamlText);

  const manifestJson = goSortedJson(built.manifest);
  const hash = manifestHash(manifestJson);
  return {
    version: sdl.version,
    manifest: built.manifest,
    manifestJson,
    hash,
    hashHex: toHex(hash),
    groupSpecs: groupSpecsFromGoJson(built.groupSpecs),
    groupSpecsGoJson: built.groupSpecs,
    services: sortedGoStrings(sdl.deployment.keys()),
    placements: built.groupSpecs.map((g) => g.name),
    denom: built.groupSpecs[0]?.resources[0]?.price.denom ?? "",
    ...(sdl.reclamation ? { reclamation: { ...sdl.reclamation } } : {}),
    warnings,
    providerFeatures: providerFeatures(sdl),
  };
}
