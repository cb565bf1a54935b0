/** Import with `,sdl=<file>`: the SDL is not on chain, so the user names it and we check it against the chain. */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Deployment } from "../../akash/ports/chain";
import { toHex } from "../../domain/hex";
import { compileSdlAttributeOrThrow } from "../../domain/sdl-attribute";
import { DiagnosticError } from "../../framework/diagnostics";
import { manifestSummary } from "../../sdl";

/**
 * The SDL named in the import ID, checked to be the one the deployment was created from (its manifest hash is on
 * chain), as the state attributes it determines: the first plan after the import is then empty.
 */
export function importedSdl(ports: AkashPorts, file: string, deployment: Deployment) {
  let text: string;
  try {
    text = ports.files.readText(file);
  } catch (error) {
    throw new DiagnosticError(
      "Cannot read the SDL file",
      `The import ID names ${file}, which cannot be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const compiled = compileSdlAttributeOrThrow(text);
  if (compiled.hashHex !== toHex(deployment.hash)) {
    throw new DiagnosticError(
      "SDL does not match the deployment",
      `${file} compiles to manifest version ${compiled.hashHex}, but deployment ${deployment.id.owner}/` +
        `${deployment.id.dseq} runs version ${toHex(deployment.hash)} on chain. Import with the SDL it was created ` +
        "(or last updated) from, or import without `,sdl=` and let the next apply send yours.",
    );
  }
  return {
    sdl: text,
    manifest_json: compiled.manifestJson,
    manifest_summary: manifestSummary(compiled.manifest),
    group_specs_json: JSON.stringify(deployment.groups.map((g) => g.spec)),
    groups: compiled.placements,
    services: compiled.services,
  };
}
