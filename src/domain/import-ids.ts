/** Parsing of `terraform import` IDs, with messages that show the accepted forms. */
import { DiagnosticError } from "../framework/diagnostics";

const ADDRESS = /^akash1[02-9ac-hj-np-z]{38,58}$/;
const UINT = /^\d+$/;

function bad(id: string, forms: string): never {
  throw new DiagnosticError("Invalid import ID", `"${id}" is not a valid ID; use ${forms}.`);
}

/** `<dseq>` (owned by the configured key) or `<owner>/<dseq>`. */
export function parseDeploymentImportId(id: string): { owner?: string; dseq: bigint } {
  const forms = "`<dseq>` or `<owner>/<dseq>`";
  const parts = id.trim().split("/");
  if (parts.length === 1 && UINT.test(parts[0]!)) return { dseq: BigInt(parts[0]!) };
  if (parts.length === 2 && ADDRESS.test(parts[0]!) && UINT.test(parts[1]!)) {
    return { owner: parts[0]!, dseq: BigInt(parts[1]!) };
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
  if (owner !== undefined && !ADDRESS.test(owner)) bad(id, forms);
  if (parts.length !== 4) bad(id, forms);
  const [dseq, gseq, oseq, provider] = parts as [string, string, string, string];
  if (!UINT.test(dseq) || !UINT.test(gseq) || !UINT.test(oseq) || !ADDRESS.test(provider)) bad(id, forms);
  return { owner, dseq: BigInt(dseq), gseq: Number(gseq), oseq: Number(oseq), provider };
}
