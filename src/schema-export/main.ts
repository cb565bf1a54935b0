/**
 * Entry point of `npm run generate` / `npm run generate:check` (bundled and run by scripts/generate.mjs).
 * Exit codes: 0 done / up to date, 1 drift found, 2 generation failed.
 */
import { akashProvider } from "../provider/akash-provider";
import { CompositionRoot } from "../provider/composition-root";
import { describeDrift, findDrift } from "./drift";
import { filesOnDisk, generateOutputs, GENERATED_DIRS, writeOutputs } from "./generated-outputs";

export async function runGenerate(args: string[], root: string): Promise<number> {
  const check = args.includes("--check");
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    console.error(`generate: unexpected argument ${JSON.stringify(unknown[0])} (only --check is accepted)`);
    return 2;
  }
  let outputs;
  try {
    outputs = await generateOutputs(root, akashProvider(new CompositionRoot(process.env)));
  } catch (error) {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  for (const warning of outputs.warnings) console.warn(`warning: ${warning}`);
  if (check) {
    const drift = findDrift(outputs.files, filesOnDisk(root));
    if (drift.length > 0) {
      console.error(describeDrift(drift, "npm run generate"));
      return 1;
    }
    process.stdout.write(`${GENERATED_DIRS.join(" and ")} are up to date (${outputs.files.size} files).\n`);
    return 0;
  }
  writeOutputs(root, outputs.files);
  process.stdout.write(`Wrote ${outputs.files.size} files to ${GENERATED_DIRS.join(" and ")}.\n`);
  return 0;
}
