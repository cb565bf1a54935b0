// Jest transformer: TypeScript (and ESM-only dependencies such as @noble/*) to CommonJS with esbuild.
// Transpile only; `npm run typecheck` does the type checking. esbuild is used because it is already a build
// dependency and, unlike SWC, installs from the registry on every platform without native optional packages.
const { transformSync } = require("esbuild");
const { createHash } = require("node:crypto");

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: /\.tsx?$/.test(filename) ? "ts" : "js",
      format: "cjs",
      target: "node20",
      // Jest's CommonJS sandbox cannot run import() without --experimental-vm-modules: turn it into require().
      supported: { "dynamic-import": false },
      sourcemap: "external",
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash("sha256")
      .update("esbuild-cjs-2\0")
      .update(filename)
      .update("\0")
      .update(source)
      .digest("hex");
  },
};
