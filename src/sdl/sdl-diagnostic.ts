/**
 * Warnings of the SDL compiler: places where Akash's Go SDL parser (what the CLI, the chain tooling and providers
 * run) accepts an SDL but ignores part of it, fills a default, or reads it differently from how it is written.
 * The SDL still compiles; each warning names its place in the document so a user can clean it up.
 */

export type SdlWarningCode =
  /** A key Go's parser does not know at this place; it has no effect on the deployment. */
  | "ignored-field"
  /** A key with no value (`attributes:`); Go reads it as absent. */
  | "empty-value"
  /** Go fills in a value the SDL leaves out (storage `persistent: false`, `class: default`). */
  | "default-value"
  /** A version written in another form than "2.0"/"2.1" ("2", "v2.1.0"), read as the version named. */
  | "version-normalized"
  /** Only Akash's JSON schema refuses this (lengths, duration form); Go and the network accept it. */
  | "schema-only"
  /** Priced in uakt: the chain refuses new deployments priced in anything but uact since v2.0.0. */
  | "legacy-denom"
  /** A GPU vendor Go does not know, next to nvidia models that it does; only the nvidia models are asked for. */
  | "ignored-gpu-vendor"
  /** A persistent volume that nothing mounts: Go lets it through, the provider creates it and mounts it nowhere. */
  | "unmounted-volume"
  /** A setting Go accepts for SDL 2.0 but that has no effect there (a read-only RAM volume). */
  | "ineffective-setting";

export interface SdlDiagnostic {
  severity: "warning";
  code: SdlWarningCode;
  /** Dot/bracket path into the SDL document (`services.web.depends_on`); "" = the document itself. */
  path: string;
  message: string;
}

export function formatSdlDiagnostic(diagnostic: SdlDiagnostic): string {
  return diagnostic.path === "" ? diagnostic.message : `${diagnostic.path}: ${diagnostic.message}`;
}
