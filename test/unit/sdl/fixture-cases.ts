/** Discovers the SDL golden fixtures (test/fixtures/sdl), produced by Akash's Go implementation. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SDL_FIXTURES_DIR } from "../../support/fixtures";

export const FIXTURES_DIR = SDL_FIXTURES_DIR;

export interface ValidCase {
  name: string;
  yaml: string;
  manifest: unknown;
  groupSpecs: unknown;
}

export interface InvalidCase {
  name: string;
  yaml: string;
}

export function validCases(): ValidCase[] {
  return ["v2.0", "v2.1"].flatMap((version) => {
    const dir = join(FIXTURES_DIR, version);
    return readdirSync(dir)
      .filter((name) => existsSync(join(dir, name, "input.yaml")))
      .sort()
      .map((name) => ({
        name: `${version}/${name}`,
        yaml: readFileSync(join(dir, name, "input.yaml"), "utf8"),
        manifest: JSON.parse(readFileSync(join(dir, name, "manifest.json"), "utf8")) as unknown,
        groupSpecs: JSON.parse(readFileSync(join(dir, name, "group-specs.json"), "utf8")) as unknown,
      }));
  });
}

export function invalidCases(): InvalidCase[] {
  return ["invalid", "schema-only-invalid"].flatMap((kind) => {
    const dir = join(FIXTURES_DIR, kind);
    return readdirSync(dir)
      .filter((file) => file.endsWith(".yaml"))
      .sort()
      .map((file) => ({ name: `${kind}/${file}`, yaml: readFileSync(join(dir, file), "utf8") }));
  });
}
