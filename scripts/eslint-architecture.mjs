// @ts-check
// ESLint rules that keep the architecture as the folders show it (see README "Architecture"):
//   architecture/layers    each folder imports only the layers it may depend on (type-only imports included)
//   architecture/no-cycle  no import cycle among src/ and constructs/ files (type-only and dynamic imports count)
//   architecture/no-unused-barrel  an index.ts that nothing imports is dead weight
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// Run as ESM by ESLint; jest's CommonJS transform leaves import.meta empty, and jest runs from the repository root.
const ROOT =
  typeof import.meta.url === "string"
    ? resolve(dirname(fileURLToPath(import.meta.url)), "..")
    : process.cwd();

/**
 * Layers, most specific prefix first. `allow` lists what files of the layer may import besides their own layer;
 * `own` narrows "their own layer" to the file's own folder (resources do not import each other).
 * @type {{ layer: string, match: RegExp, allow: string[], own?: "folder" }[]}
 */
export const LAYERS = [
  { layer: "localnet", match: /^src\/localnet\//, allow: [] },
  { layer: "framework", match: /^src\/framework\//, allow: ["src/go-duration.ts"] },
  { layer: "protocol", match: /^src\/protocol\//, allow: ["src/framework/"] },
  { layer: "sdl", match: /^src\/sdl\//, allow: ["src/go-duration.ts"] },
  // Ports are plain types: they may name the SDL's Go-JSON group spec types, nothing of the compiler.
  { layer: "ports", match: /^src\/akash\/ports\//, allow: ["src/sdl/manifest-types.ts"] },
  // Adapters log what they send (chain RPC, gateway calls) through the framework's Logger, nothing else of it.
  {
    layer: "adapters",
    match: /^src\/akash\/adapters\//,
    allow: ["src/akash/ports/", "src/sdl/", "src/framework/logger.ts"],
  },
  {
    layer: "domain",
    match: /^src\/domain\//,
    allow: ["src/akash/ports/", "src/framework/", "src/sdl/", "src/go-duration.ts"],
  },
  {
    layer: "resources",
    match: /^src\/resources\/[^/]+\//,
    own: "folder",
    allow: ["src/akash/ports/", "src/domain/", "src/framework/", "src/sdl/", "src/go-duration.ts"],
  },
  {
    layer: "data-sources",
    match: /^src\/data-sources\//,
    own: "folder",
    allow: ["src/akash/ports/", "src/domain/", "src/framework/", "src/sdl/", "src/go-duration.ts"],
  },
  {
    layer: "provider",
    match: /^src\/provider\//,
    allow: [
      "src/resources/",
      "src/data-sources/",
      "src/akash/",
      "src/domain/",
      "src/framework/",
      "src/protocol/",
      "src/sdl/",
      "src/version.ts",
    ],
  },
  {
    layer: "schema-export",
    match: /^src\/schema-export\//,
    allow: ["src/provider/", "src/framework/", "src/version.ts"],
  },
  {
    layer: "cli",
    match: /^src\/cli\//,
    allow: [
      "src/provider/",
      "src/akash/ports/",
      "src/domain/",
      "src/framework/",
      "src/sdl/",
      "src/localnet/",
      "src/schema-export/",
      "src/protocol/",
      "src/version.ts",
      "src/go-duration.ts",
    ],
  },
  { layer: "leaf", match: /^src\/(version|go-duration)\.ts$/, allow: [] },
  // The constructs run in users' cdktf apps: they share the SDL checks, never the provider runtime.
  {
    layer: "constructs",
    match: /^constructs\//,
    allow: ["src/sdl/", "src/go-duration.ts", "src/version.ts"],
  },
];

const toPosix = (/** @type {string} */ p) => p.split(sep).join("/");
const repoPath = (/** @type {string} */ abs) => toPosix(relative(ROOT, abs));

/** @param {string} file repo-relative */
export function layerOf(file) {
  return LAYERS.find((l) => l.match.test(file));
}

/**
 * Whether `from` (repo-relative) may import `to` (repo-relative).
 * @param {string} from
 * @param {string} to
 */
export function importAllowed(from, to) {
  const layer = layerOf(from);
  if (!layer) return true; // tests, scripts, examples
  if (to.startsWith("node_modules/") || !/^(src|constructs)\//.test(to)) return true;
  if (layer.own === "folder") {
    if (dirname(to) === dirname(from)) return true;
  } else if (layer.match.test(to)) return true;
  return layer.allow.some((a) => (a.endsWith("/") ? to.startsWith(a) : to === a));
}

/** @param {string} base absolute path without extension */
function resolveSource(base) {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * The repo files a file imports (relative specifiers only), with type-only and dynamic imports.
 * @param {string} absFile
 * @param {string} text
 */
export function importsOf(absFile, text) {
  const info = ts.preProcessFile(text, true, true);
  /** @type {{ to: string, specifier: string, pos: number }[]} */
  const out = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith(".")) continue;
    const target = resolveSource(resolve(dirname(absFile), ref.fileName));
    if (target) out.push({ to: repoPath(target), specifier: ref.fileName, pos: ref.pos });
  }
  return out;
}

/** @param {string} dir */
function sourceFiles(dir) {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** @type {{ cycles: Map<string, string[]>, importers: Map<string, Set<string>> } | undefined} */
let graphCache;

/** The import graph of src/ and constructs/ (built once per lint run), with each file's cycle, if any. */
export function importGraph() {
  if (graphCache) return graphCache;
  /** @type {Map<string, string[]>} */
  const edges = new Map();
  /** @type {Map<string, Set<string>>} */
  const importers = new Map();
  const scanned = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "constructs"))];
  const everyImporter = [
    ...scanned,
    ...sourceFiles(join(ROOT, "test")),
    ...sourceFiles(join(ROOT, "examples")),
  ];
  for (const abs of everyImporter) {
    const from = repoPath(abs);
    const targets = importsOf(abs, readFileSync(abs, "utf8")).map((i) => i.to);
    for (const to of targets) {
      if (!importers.has(to)) importers.set(to, new Set());
      importers.get(to)?.add(from);
    }
    if (/^(src|constructs)\//.test(from))
      edges.set(
        from,
        targets.filter((t) => /^(src|constructs)\//.test(t)),
      );
  }
  graphCache = { cycles: stronglyConnected(edges), importers };
  return graphCache;
}

/**
 * Tarjan's algorithm: for every file in a strongly connected component of more than one file (or importing
 * itself), one cycle through it.
 * @param {Map<string, string[]>} edges
 */
export function stronglyConnected(edges) {
  let index = 0;
  /** @type {Map<string, number>} */ const indices = new Map();
  /** @type {Map<string, number>} */ const low = new Map();
  /** @type {string[]} */ const stack = [];
  const onStack = new Set();
  /** @type {Map<string, string[]>} */ const cycles = new Map();
  const visit = (/** @type {string} */ v) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
    }
    if (low.get(v) !== indices.get(v)) return;
    /** @type {string[]} */ const component = [];
    let w;
    do {
      w = stack.pop() ?? "";
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const members = new Set(component);
    if (component.length === 1 && !(edges.get(v) ?? []).includes(v)) return;
    for (const file of component) cycles.set(file, cycleThrough(file, members, edges));
  };
  for (const v of edges.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}

/**
 * A shortest path from `file` back to itself inside its component.
 * @param {string} file
 * @param {Set<string>} members
 * @param {Map<string, string[]>} edges
 */
function cycleThrough(file, members, edges) {
  /** @type {Map<string, string>} */ const previous = new Map();
  const queue = [file];
  while (queue.length > 0) {
    const v = queue.shift() ?? "";
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === file) {
        const path = [v];
        while (path[0] !== file) path.unshift(previous.get(path[0] ?? "") ?? file);
        return [...path, file];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [file, file];
}

/** @param {import("eslint").Rule.RuleContext} context */
const fileOf = (context) => repoPath(context.filename);

/** @type {import("eslint").Rule.RuleModule} */
const layers = {
  meta: { type: "problem", docs: { description: "imports follow the architecture's layers" }, schema: [] },
  create(context) {
    const from = fileOf(context);
    if (!layerOf(from)) return {};
    /** @param {import("estree").Node & { source?: import("estree").Node | null }} node */
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      if (!source.value.startsWith(".")) return;
      const target = resolveSource(resolve(dirname(context.filename), source.value));
      if (!target) return;
      const to = repoPath(target);
      if (!importAllowed(from, to)) {
        context.report({
          node: source,
          message: `${layerOf(from)?.layer} (${from}) must not import ${to}: see the layer rules in scripts/eslint-architecture.mjs.`,
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/** @type {import("eslint").Rule.RuleModule} */
const noCycle = {
  meta: { type: "problem", docs: { description: "no import cycles in src/ and constructs/" }, schema: [] },
  create(context) {
    return {
      Program(node) {
        const cycle = importGraph().cycles.get(fileOf(context));
        if (cycle) context.report({ node, message: `import cycle: ${cycle.join(" → ")}` });
      },
    };
  },
};

/** @type {import("eslint").Rule.RuleModule} */
const noUnusedBarrel = {
  meta: { type: "problem", docs: { description: "an index.ts must be imported by something" }, schema: [] },
  create(context) {
    return {
      Program(node) {
        const file = fileOf(context);
        if (!/^src\/.*index\.ts$/.test(file)) return;
        if ((importGraph().importers.get(file)?.size ?? 0) === 0) {
          context.report({ node, message: `${file} re-exports modules but nothing imports it: remove it.` });
        }
      },
    };
  },
};

export default { rules: { layers, "no-cycle": noCycle, "no-unused-barrel": noUnusedBarrel } };
