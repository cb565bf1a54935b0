// SDL compile time: the provider compiles the SDL at validate, plan and apply, so it must stay cheap.
import { buildSync } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** @param {string} root the repository */
export async function sdlBench(root) {
  const out = join(mkdtempSync(join(tmpdir(), "akash-bench-sdl-")), "sdl.mjs");
  buildSync({
    entryPoints: [join(root, "src", "sdl", "index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "silent",
  });
  const { compileSdl } = await import(pathToFileURL(out).href);
  const dir = join(root, "test", "fixtures", "sdl", "v2.0");
  const documents = readdirSync(dir).map((name) => readFileSync(join(dir, name, "input.yaml"), "utf8"));
  const rounds = 20;
  for (const text of documents) compileSdl(text); // warm up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) for (const text of documents) compileSdl(text);
  const msPerDocument = (performance.now() - start) / (rounds * documents.length);
  return { documents: documents.length, rounds, msPerDocument: +msPerDocument.toFixed(3), targetMs: 5 };
}
