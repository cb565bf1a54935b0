/**
 * Entry point that writes the cdktn L1 bindings for the akash-cdktn package (bundled and run by
 * scripts/build-constructs.mjs). Exit codes: 0 written, 2 generation failed (the message says why).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { akashProvider } from "../provider/akash-provider";
import { CompositionRoot } from "../provider/composition-root";
import { generateCdktnBindings } from "./cdktn-bindings";
import { readProviderIdentity } from "./project-config";
import { providersSchemaJson } from "./terraform-schema-json";

export async function runCdktnBindings(args: string[], root: string): Promise<number> {
  if (args.length !== 1) {
    console.error("cdktn bindings: expected one argument, the directory to write them to");
    return 2;
  }
  const outDir = resolve(args[0]!);
  try {
    const identity = readProviderIdentity(root);
    const schema = providersSchemaJson(akashProvider(new CompositionRoot(process.env)), {
      source: identity.source,
      version: identity.version,
    });
    const files = await generateCdktnBindings(schema, identity);
    rmSync(outDir, { recursive: true, force: true });
    for (const [path, text] of files) {
      mkdirSync(dirname(join(outDir, path)), { recursive: true });
      writeFileSync(join(outDir, path), text);
    }
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
}
