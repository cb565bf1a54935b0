/**
 * Compiling the `sdl` attribute of a resource or data source, with SDL problems turned into diagnostics on that
 * attribute that name the place in the SDL (e.g. `SDL services.web.expose[0].port: ...`).
 */
import { DiagnosticError, type Diagnostics } from "../framework/diagnostics";
import { compileSdl, SdlError, type CompiledSdl } from "../sdl";

/** At validate/plan time: one diagnostic per problem; undefined when the SDL does not compile. */
export function compileSdlAttribute(sdl: string, diags: Diagnostics): CompiledSdl | undefined {
  try {
    return compileSdl(sdl);
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
