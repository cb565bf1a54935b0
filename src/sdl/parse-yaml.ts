/**
 * YAML text → a tree of plain objects, arrays, strings and YamlScalars, with syntax errors reported by line and
 * column. Uses js-yaml with the YAML 1.2 core types, but numbers, booleans and nulls keep their source text.
 */
import * as jsYaml from "js-yaml";
import { FAILSAFE_SCHEMA, load, Type, YAMLException } from "js-yaml";
import { SdlError } from "./sdl-error";
import { YamlScalar, type YamlScalarKind } from "./yaml-scalar";

interface ScalarType {
  resolve: (data: string) => boolean;
  construct: (data: string) => unknown;
}

function rawScalarType(tag: string, kind: YamlScalarKind, base: ScalarType): Type {
  return new Type(tag, {
    kind: "scalar",
    resolve: (data: string | null) => base.resolve(data ?? ""),
    construct: (data: string | null) => {
      const text = data ?? "";
      return new YamlScalar(kind, text, base.construct(text) as number | boolean | null);
    },
    instanceOf: YamlScalar,
  });
}

// js-yaml exports its built-in types as `types`; @types/js-yaml does not declare it.
const base = (
  jsYaml as unknown as { types: Record<"null" | "bool" | "int" | "float", ScalarType> & { merge: Type } }
).types;

const RAW_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    rawScalarType("tag:yaml.org,2002:null", "null", base.null),
    rawScalarType("tag:yaml.org,2002:bool", "bool", base.bool),
    rawScalarType("tag:yaml.org,2002:int", "int", base.int),
    rawScalarType("tag:yaml.org,2002:float", "float", base.float),
    base.merge,
  ],
});

/** Parses one YAML document. Throws SdlError (path "") with line/column on a syntax error. */
export function parseYaml(text: string): unknown {
  try {
    return load(text, { schema: RAW_CORE_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) {
      const where = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : "";
      throw new SdlError([{ path: "", message: `YAML syntax error${where}: ${error.reason}` }]);
    }
    throw error;
  }
}
