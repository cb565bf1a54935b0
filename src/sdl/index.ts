/**
 * SDL (Akash Stack Definition Language, versions 2.0 and 2.1) → manifest, version hash and on-chain group specs,
 * matching Akash's Go implementation (chain-sdk go/sdl), which chain and providers run.
 */
export { compileSdl, type CompiledSdl } from "./compile-sdl";
export { SdlError, type SdlIssue } from "./sdl-error";
export { formatSdlDiagnostic, type SdlDiagnostic, type SdlWarningCode } from "./sdl-diagnostic";
export type { ProviderFeature, ProviderFeatureName } from "./provider-features";
export { manifestHash } from "./manifest-hash";
export { manifestSummary } from "./manifest-summary";
export { goSortedJson } from "./go-json";
export { groupSpecsToGoJson, groupSpecsFromGoJson } from "./group-spec-proto";
export type {
  GoGroupSpec,
  GoResources,
  ManifestGroup,
  ManifestService,
  ManifestServiceExpose,
} from "./manifest-types";
