/**
 * The checking half of the SDL compiler: parse, decode, cross-check and build the groups, throwing SdlError with
 * every problem found. It imports nothing from chain-sdk, so code compiled to CommonJS (the CDKTF constructs) can
 * run the same checks as the provider.
 */
import { buildGroups, type BuiltGroups } from "./build-groups";
import { decodeSdl } from "./decode-sdl";
import { parseYaml } from "./parse-yaml";
import { IssueCollector } from "./sdl-error";
import type { SdlDiagnostic } from "./sdl-diagnostic";
import type { SdlModel } from "./sdl-model";
import { validateOutput } from "./validate-output";
import { validateReferences } from "./validate-references";

export interface CheckedSdl {
  sdl: SdlModel;
  built: BuiltGroups;
  /** What Akash's Go parser accepts but ignores, defaults or reads differently; see sdl-diagnostic.ts. */
  warnings: SdlDiagnostic[];
}

export function checkAndBuildGroups(yamlText: string): CheckedSdl {
  const issues = new IssueCollector();
  const sdl = decodeSdl(parseYaml(yamlText), issues);
  issues.throwIfAny();
  validateReferences(sdl!, issues);
  issues.throwIfAny();
  const built = buildGroups(sdl!);
  validateOutput(sdl!, built, issues);
  issues.throwIfAny();
  return { sdl: sdl!, built, warnings: issues.warnings };
}
