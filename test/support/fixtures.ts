import { resolve } from "node:path";

/** The SDL golden fixtures, kept in the repository (see test/fixtures/sdl/PROVENANCE.md). */
export const SDL_FIXTURES_DIR = resolve(__dirname, "../fixtures/sdl");

export function sdlFixturesDir(): string {
  return SDL_FIXTURES_DIR;
}
