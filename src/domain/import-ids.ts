/** Parsing of `terraform import` IDs, with messages that show the accepted forms. */
import { DiagnosticError } from "../framework/diagnostics";

import { isAccountAddress } from "./account-address";

const UINT = /^\d+$/;

function bad(id: string, forms: string): never {
  throw new DiagnosticError("Invalid import ID", `"${id}" is not a valid ID; use ${forms}.`);
}

/**
 * `<dseq>` (owned by the configured key) or `<owner>/<dseq>`, optionally followed by `,sdl=<file>`: the SDL the
 * deployment was created from (the SDL is not on chain), read relative to terraform's working directory.
 */
export function parseDeploymentImportId(id: string): { owner?: string; dseq: bigint; sdlFile?: string } {
  const forms = "`<dseq>` or `<owner>/<dseq>`, optionally followed by `,sdl=<file>`";
  const [identity = "", ...options] = id.trim().split(",");
  let sdlFile: string | undefined;
  for (const option of options) {
    const match = /^sdl=(.+)$/.exec(option.trim());
    if (!match || sdlFile !== undefined) return bad(id, forms);
    sdlFile = match[1];
  }
  const withSdl = sdlFile === undefined ? {} : { sdlFile };
  const parts = identity.split("/");
  if (parts.length === 1 && UINT.test(parts[0]!)) return { dseq: BigInt(parts[0]!), ...withSdl };
  if (parts.length === 2 && isAccountAddress(parts[0]!) && UINT.test(parts[1]!)) {
    return { owner: parts[0]!, dseq: BigInt(parts[1]!), ...withSdl };
  }
  return bad(id, forms);
}

/** `<dseq>/<gseq>/<oseq>/<provider>`, optionally prefixed by `<owner>/`. */
export function parseLeaseImportId(id: string): {
  owner?: string;
  dseq: bigint;
  gseq: number;
  oseq: number;
  provider: string;
} {
  const forms = "`<dseq>/<gseq>/<oseq>/<provider>` or `<owner>/<dseq>/<gseq>/<oseq>/<provider>`";
  const parts = id.trim().split("/");
  const owner = parts.length === 5 ? parts.shift() : undefined;
  if (owner !== undefined && !isAccountAddress(owner)) bad(id, forms);
  if (parts.length !== 4) bad(id, forms);
  const [dseq, gseq, oseq, provider] = parts as [string, string, string, string];
  if (!UINT.test(dseq) || !UINT.test(gseq) || !UINT.test(oseq) || !isAccountAddress(provider)) bad(id, forms);
  return { owner, dseq: BigInt(dseq), gseq: Number(gseq), oseq: Number(oseq), provider };
}
