/**
 * Backup credentials are secrets, and a literal string in a CDKTF app ends up in the app's source, in cdk.tf.json
 * and in every copy of both. So they must be tokens — a sensitive `TerraformVariable`'s `stringValue`, or an
 * attribute of another resource — which terraform fills in at apply time; the deployment's `sdl` attribute is
 * sensitive, so plans show neither the value nor the SDL around it.
 */
import { Token } from "cdktf";

/** The problem with a secret given as a literal (undefined when it is a token). */
export function literalSecretProblem(path: string, value: string): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  const variable = path
    .split(".")
    .pop()!
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return (
    `${path} is a literal string: it would be written into cdk.tf.json and your source. Pass a sensitive ` +
    `variable instead, e.g. new TerraformVariable(this, "backup_${variable}", { type: "string", sensitive: true })` +
    ".stringValue, set from TF_VAR_… or your secret store"
  );
}
