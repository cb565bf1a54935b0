/**
 * The members a generated class inherits from its framework base class, read from the framework's own type
 * declarations (cdktf's or cdktn's .d.ts) with the TypeScript checker: public fields such as
 * `TerraformResource.provider` are assigned in constructors, so only the declarations list them all.
 */
import { dirname, join } from "node:path";
import ts from "typescript";
import type { CdkFramework } from "./cdk-framework";

/** The base classes generated bindings extend. */
export const BASE_CLASSES = [
  "TerraformResource",
  "TerraformDataSource",
  "TerraformProvider",
  "ComplexObject",
] as const;
export type BaseClass = (typeof BASE_CLASSES)[number];

export type FrameworkMembers = Record<BaseClass, ReadonlySet<string>>;

const cache = new Map<string, FrameworkMembers>();

export function frameworkMembers(framework: CdkFramework): FrameworkMembers {
  const cached = cache.get(framework.library);
  if (cached) return cached;
  const libraryDir = dirname(require.resolve(`${framework.library}/package.json`));
  // A virtual module next to the library, so `import ... from "<library>"` resolves to exactly that copy.
  const probe = join(libraryDir, "__akash_members_probe__.ts");
  const probeText =
    `import type { ${BASE_CLASSES.join(", ")} } from ${JSON.stringify(libraryDir)};\n` +
    BASE_CLASSES.map((name) => `export declare const ${name}_instance: ${name};\n`).join("");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === probe ? probeText : readFile(file));
  host.fileExists = (file) => file === probe || ts.sys.fileExists(file);
  host.getSourceFile = (file, language, onError) =>
    file === probe
      ? ts.createSourceFile(file, probeText, language, true)
      : getSourceFile(file, language, onError);
  const program = ts.createProgram([probe], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probe);
  const moduleSymbol = source ? checker.getSymbolAtLocation(source) : undefined;
  if (!moduleSymbol) throw new Error(`cannot read the type declarations of ${framework.library}`);
  const members = {} as Record<BaseClass, Set<string>>;
  for (const name of BASE_CLASSES) {
    const exported = checker.tryGetMemberInModuleExports(`${name}_instance`, moduleSymbol);
    const type = exported ? checker.getTypeOfSymbol(exported) : undefined;
    const properties = type ? checker.getPropertiesOfType(type).map((p) => p.getName()) : [];
    if (properties.length === 0) {
      throw new Error(`${framework.library} has no class ${name} (or its declarations are missing)`);
    }
    members[name] = new Set(properties);
  }
  cache.set(framework.library, members);
  return members;
}
