/**
 * Compiling the `sdl` attribute of a resource or data source, with SDL problems turned into diagnostics on that
 * attribute that name the place in the SDL (e.g. `SDL services.web.expose[0].port: ...`).
 */
import { DiagnosticError, type Diagnostics } from "../framework/diagnostics";
import { compileSdl, formatSdlDiagnostic, SdlError, type CompiledSdl, type SdlWarningCode } from "../sdl";

const WARNING_TITLES: Record<SdlWarningCode, string> = {
  "ignored-field": "SDL key ignored",
  "empty-value": "SDL key without a value",
  "default-value": "SDL default filled in",
  "version-normalized": "SDL version read as another",
  "schema-only": "SDL accepted by the network, not by Akash's JSON schema",
  "legacy-denom": "SDL priced in uakt",
  "ignored-gpu-vendor": "SDL GPU vendor ignored",
  "unmounted-volume": "SDL volume mounted nowhere",
  "ineffective-setting": "SDL setting has no effect",
};

/**
 * At validate/plan time: one error per problem, one warning per place where Akash's parser ignores or fills in
 * something (`except` leaves out warnings the caller reports better itself); undefined when the SDL does not
 * compile.
 */
export function compileSdlAttribute(
  sdl: string,
  diags: Diagnostics,
  except: readonly SdlWarningCode[] = [],
): CompiledSdl | undefined {
  try {
    const compiled = compileSdl(sdl);
    for (const warning of compiled.warnings) {
      if (except.includes(warning.code)) continue;
      diags.warning(WARNING_TITLES[warning.code], `SDL ${formatSdlDiagnostic(warning)}`, ["sdl"]);
    }
    return compiled;
  } catch (error) {
    if (!(error instanceof SdlError)) throw error;
    for (const issue of error.issues) {
      diags.error("Invalid SDL", `${issue.path ? `SDL ${issue.path}: ` : "SDL: "}${issue.message}`, ["sdl"]);
    }
    return undefined;
  }
}

/** At apply/read time, where validation already passed: any problem left becomes one error listing them all. */
export function compileSdlAttributeOrThrow(sdl: string): CompiledSdl {
  try {
    return compileSdl(sdl);
  } catch (error) {
    if (error instanceof SdlError) throw new DiagnosticError("Invalid SDL", error.message, ["sdl"]);
    throw error;
  }
}
