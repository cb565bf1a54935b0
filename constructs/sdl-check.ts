/**
 * Synth-time compilation of an SDL with the same compiler the provider runs at plan time, so SDL mistakes show up
 * in `cdktf synth` with their place in the document, and so the constructs know the SDL's groups (one lease each).
 * Tokens inside the SDL (values terraform fills in later) are replaced by a placeholder for the check.
 */
import { checkAndBuildGroups } from "../src/sdl/check-sdl";
import { formatSdlDiagnostic } from "../src/sdl/sdl-diagnostic";
import { SdlError } from "../src/sdl/sdl-error";

export interface SdlCheck {
  /** Problems found, one line each; empty when the SDL compiles. */
  problems: string[];
  /** Where Akash's parser ignores or fills in something, one line each (the SDL still deploys). */
  warnings: string[];
  /** Group (placement) names in gseq order; undefined when the SDL could not be compiled or is itself a token. */
  groups?: string[];
  /** Deployed service names per group, in gseq order. */
  servicesByGroup?: string[][];
}

// cdktf's encodings of unresolved string, list and map tokens inside a string.
const TOKEN = /[$#&]\{TfToken\[[^\]]+\]\}/g;
const PLACEHOLDER = "placeholder";

export function checkSdl(sdl: string): SdlCheck {
  const text = sdl.replace(TOKEN, PLACEHOLDER);
  if (text.trim() === PLACEHOLDER) return { problems: [], warnings: [] };
  try {
    // compileSdl's checks without its protobuf conversion (chain-sdk's ESM-only types do not load in the
    // CommonJS package build, and synth needs no protobuf).
    const { built, warnings } = checkAndBuildGroups(text);
    return {
      problems: [],
      warnings: warnings.map((w) => `SDL ${formatSdlDiagnostic(w)}`),
      groups: built.groupSpecs.map((g) => g.name),
      servicesByGroup: built.manifest.map((g) => g.services.map((s) => s.name)),
    };
  } catch (error) {
    if (error instanceof SdlError) {
      return {
        problems: error.issues.map((i) => (i.path ? `SDL ${i.path}: ${i.message}` : `SDL: ${i.message}`)),
        warnings: [],
      };
    }
    throw error;
  }
}
