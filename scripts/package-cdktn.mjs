// Makes the akash-cdktn npm package: the constructs built for CDK Terrain (scripts/build-constructs.mjs
// --framework cdktn), the reference docs and packaging/akash-cdktn/README.md, with a package.json derived from
// ours. Its runtime dependencies are exactly the packages the compiled constructs require (with our versions);
// cdktn and constructs are peers, as for any construct library.
//
//   node scripts/package-cdktn.mjs --out DIR   writes DIR/akash-cdktn-<version>.tgz and prints its path
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { root } from "./run-ts-entry.mjs";

const PEERS = { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" };

function run(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${result.status})`);
  return result.stdout;
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Bare package names the compiled JavaScript requires, without Node's built-ins. */
function requiredPackages(dir) {
  const names = new Set();
  for (const file of listFiles(dir).filter((f) => f.endsWith(".js"))) {
    for (const [, spec = ""] of readFileSync(file, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
      const name = spec.startsWith("@")
        ? spec.split("/").slice(0, 2).join("/")
        : (spec.split("/")[0] ?? spec);
      if (!spec.startsWith("node:") && !builtinModules.includes(name)) names.add(name);
    }
  }
  return [...names].sort();
}

export function packageCdktn(outDir) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const dir = join(root, "node_modules", ".cache", "akash-cdktf", "akash-cdktn-package");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run(
    process.execPath,
    [
      join(root, "scripts", "build-constructs.mjs"),
      "--framework",
      "cdktn",
      "--out",
      join(dir, "dist", "constructs"),
    ],
    root,
  );
  const dependencies = {};
  for (const name of requiredPackages(join(dir, "dist"))) {
    if (name in PEERS) continue;
    const version = pkg.dependencies?.[name];
    if (!version)
      throw new Error(`the cdktn constructs require ${name}, which is not a dependency in package.json`);
    dependencies[name] = version;
  }
  const manifest = {
    name: "akash-cdktn",
    version: pkg.version,
    description:
      "CDK Terrain (cdktn) constructs for the Akash Network: L1 bindings of the akash Terraform provider and L2 constructs (AkashDeployment, AkashService, ...).",
    license: pkg.license,
    main: "dist/constructs/index.js",
    types: "dist/constructs/index.d.ts",
    engines: { node: ">=22.19.0" },
    dependencies,
    peerDependencies: PEERS,
    files: ["dist/", "docs/", "README.md"],
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(root, "packaging", "akash-cdktn", "README.md"), join(dir, "README.md"));
  cpSync(join(root, "docs"), join(dir, "docs"), { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", outDir], dir));
  return join(outDir, packed[0].filename);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const i = process.argv.indexOf("--out");
  console.log(packageCdktn(resolve((i >= 0 && process.argv[i + 1]) || join(root, "release"))));
}
