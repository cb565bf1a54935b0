import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The golden SDL fixtures live in the shared folder next to the repository (shared/fixtures/sdl), which CI places
 * beside the clone. `SDL_FIXTURES_DIR` overrides the location.
 */
export function sdlFixturesDir(): string {
  const candidates = [
    process.env.SDL_FIXTURES_DIR,
    resolve(__dirname, "../../../shared/fixtures/sdl"),
    "/work/shared/fixtures/sdl",
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`SDL fixtures not found; set SDL_FIXTURES_DIR (looked in ${candidates.join(", ")})`);
  return found;
}
