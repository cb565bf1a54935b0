/**
 * What a handler returns becomes exactly the schema's shape: attributes it left out keep their fallback value
 * (the plan, prior state or configuration), write-only attributes are null, and any unknown left behind is
 * reported (state can never hold "known after apply") and replaced by null so the object is still saved.
 */
import type { AttributePath } from "./diagnostics";
import { impliedType, type BlockSpec, type NestedBlockSpec } from "./schema";
import { conformValue, type TypeProblem } from "./type-conformance";
import { isObjectValue, isUnknown, setOwn, type ObjectValue, type Value } from "./values";

export interface NormalizedState {
  state: ObjectValue;
  /** Where unknown values were found (and replaced by null). */
  unknownPaths: AttributePath[];
  /** Values of the wrong type (replaced by null). */
  typeProblems: TypeProblem[];
}

export function normalizeState(
  block: BlockSpec,
  result: ObjectValue,
  fallback: ObjectValue | null,
): NormalizedState {
  const state: ObjectValue = {};
  const names = [...Object.keys(block.attributes), ...Object.keys(block.blocks ?? {})];
  for (const name of names) {
    const own = Object.prototype.hasOwnProperty.call(result, name);
    setOwn(state, name, own ? (result[name] ?? null) : (fallback?.[name] ?? null));
  }
  nullWriteOnly(block, state);
  const typeProblems: TypeProblem[] = [];
  const typed = conformValue(impliedType(block), state, [], typeProblems) as ObjectValue;
  const unknownPaths: AttributePath[] = [];
  const cleaned = replaceUnknowns(typed, [], unknownPaths) as ObjectValue;
  return { state: cleaned, unknownPaths, typeProblems };
}

function replaceUnknowns(v: Value, path: AttributePath, found: AttributePath[]): Value {
  if (isUnknown(v)) {
    found.push(path);
    return null;
  }
  if (Array.isArray(v)) return v.map((x, i) => replaceUnknowns(x, [...path, i], found));
  if (isObjectValue(v)) {
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, replaceUnknowns(x, [...path, k], found));
    return out;
  }
  return v;
}

function eachBlockInstance(nested: NestedBlockSpec, v: Value, fn: (obj: ObjectValue) => void): void {
  if (Array.isArray(v)) v.forEach((el) => isObjectValue(el) && fn(el));
  else if (isObjectValue(v)) {
    if (nested.nesting === "map") Object.values(v).forEach((el) => isObjectValue(el) && fn(el));
    else fn(v);
  }
}

function nullWriteOnly(block: BlockSpec, obj: ObjectValue): void {
  for (const [name, attr] of Object.entries(block.attributes)) if (attr.writeOnly) obj[name] = null;
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    eachBlockInstance(nested, obj[name] ?? null, (el) => nullWriteOnly(nested.block, el));
  }
}

const REDACTED = "(sensitive value)";

/** A copy safe to log: sensitive and write-only attributes are replaced by a marker. */
export function redactSensitive(block: BlockSpec, v: Value): Value {
  if (!isObjectValue(v)) return v;
  const out: ObjectValue = {};
  for (const [name, x] of Object.entries(v)) {
    const attr = block.attributes[name];
    const nested = block.blocks?.[name];
    if (attr) setOwn(out, name, (attr.sensitive || attr.writeOnly) && x !== null ? REDACTED : x);
    else if (nested) {
      if (Array.isArray(x))
        setOwn(
          out,
          name,
          x.map((el) => redactSensitive(nested.block, el)),
        );
      else if (isObjectValue(x) && nested.nesting === "map") {
        const m: ObjectValue = {};
        for (const [k, el] of Object.entries(x)) setOwn(m, k, redactSensitive(nested.block, el));
        setOwn(out, name, m);
      } else setOwn(out, name, redactSensitive(nested.block, x));
    }
  }
  return out;
}
