// The L2 constructs are written once, against cdktf. For the akash-cdktn package the build points their imports of
// the framework at cdktn instead: module specifiers are found with the TypeScript parser (imports, re-exports,
// `import("cdktf")` types), so comments and strings that mention cdktf stay as they are.
import ts from "typescript";

/** `text` with every module specifier `from` (or `from/...`) replaced by `to`. */
export function rewriteFrameworkImports(text, fileName, from, to) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    let specifier;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      specifier = node.moduleSpecifier;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      specifier = node.argument.literal;
    if (specifier && ts.isStringLiteral(specifier)) {
      const name = specifier.text;
      if (name === from || name.startsWith(`${from}/`)) {
        edits.push({
          start: specifier.getStart(source) + 1,
          end: specifier.getEnd() - 1,
          text: to + name.slice(from.length),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
