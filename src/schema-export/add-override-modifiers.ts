/**
 * The binding generators write members that override cdktf base-class members (`synthesizeAttributes`, the
 * provider's `alias`, ...) without `override`, which our tsconfig's `noImplicitOverride` rejects. TypeScript's own
 * "add override modifier" fix is applied to exactly the members the type checker flags, so nothing else changes.
 */
import { dirname } from "node:path";
import ts from "typescript";

/**
 * Returns the files with `override` added where needed; `files` maps absolute path to content, `library` is the
 * framework they import ("cdktf" or "cdktn").
 */
export function addOverrideModifiers(files: Map<string, string>, library = "cdktf"): Map<string, string> {
  // Resolve the framework and constructs from this repository even when the files live in a temp directory.
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noImplicitOverride: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    typeRoots: [dirname(packageDir("@types/node"))],
    paths: { [library]: [packageDir(library)], constructs: [packageDir("constructs")] },
  };
  const names = [...files.keys()];
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => names,
    getScriptVersion: () => "1",
    getScriptSnapshot: (fileName) => {
      const text = files.get(fileName) ?? ts.sys.readFile(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => files.get(f) ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const out = new Map<string, string>();
  for (const name of names) {
    const text = files.get(name)!;
    const fix = service.getCombinedCodeFix(
      { type: "file", fileName: name },
      "fixAddOverrideModifier",
      {},
      {},
    );
    const edits = fix.changes.filter((c) => c.fileName === name).flatMap((c) => c.textChanges);
    // Apply from the end so earlier offsets stay valid.
    edits.sort((a, b) => b.span.start - a.span.start);
    let patched = text;
    for (const edit of edits) {
      patched =
        patched.slice(0, edit.span.start) + edit.newText + patched.slice(edit.span.start + edit.span.length);
    }
    out.set(name, patched);
  }
  service.dispose();
  return out;
}
