/** SDL golden fixtures turned into what a tenant sends: chain-sdk's group specs and manifest (test support). */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { generateManifest, manifestToSortedJSON } from "@akashnetwork/chain-sdk";
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { load } from "js-yaml";
import { SDL_FIXTURES_DIR } from "../../support/fixtures";

export const FIXTURES = SDL_FIXTURES_DIR;

export interface SdlCase {
  name: string;
  dir: string;
  groupSpecs: GroupSpec[];
  /** The manifest body as chain-sdk serialises it (what Console and our provider PUT). */
  manifestBody: string;
}

export function sdlFromYaml(yamlText: string): { groupSpecs: GroupSpec[]; manifestBody: string } {
  const result = generateManifest(load(yamlText) as Parameters<typeof generateManifest>[0]);
  if (!result.ok) throw new Error(`SDL rejected: ${JSON.stringify(result.value)}`);
  return { groupSpecs: result.value.groupSpecs, manifestBody: manifestToSortedJSON(result.value.groups) };
}

/** The v2.0 fixtures chain-sdk's generator accepts (v2.1 ones use features the npm release lacks). */
export function sdlCases(): SdlCase[] {
  const root = join(FIXTURES, "v2.0");
  return readdirSync(root).map((name) => {
    const dir = join(root, name);
    return { name, dir, ...sdlFromYaml(readFileSync(join(dir, "input.yaml"), "utf8")) };
  });
}
