/** How types read in the docs: `List of String`, `Map of Number`, ... (the registry's wording). */
import type { NestedBlockSpec, TfType } from "../../framework/schema";

export function typeLabel(type: TfType): string {
  if (typeof type === "string") {
    return { string: "String", number: "Number", bool: "Boolean", dynamic: "Dynamic" }[type];
  }
  switch (type[0]) {
    case "list":
      return `List of ${typeLabel(type[1])}`;
    case "set":
      return `Set of ${typeLabel(type[1])}`;
    case "map":
      return `Map of ${typeLabel(type[1])}`;
    case "object":
      return "Object";
    case "tuple":
      return "Tuple";
  }
}

export function blockLabel(nested: NestedBlockSpec): string {
  const kind = {
    single: "Block",
    group: "Block",
    list: "Block List",
    set: "Block Set",
    map: "Block Map",
  }[nested.nesting];
  const limits: string[] = [];
  if (nested.minItems) limits.push(`Min: ${nested.minItems}`);
  if (nested.maxItems && nested.nesting !== "single") limits.push(`Max: ${nested.maxItems}`);
  return limits.length > 0 ? `${kind}, ${limits.join(", ")}` : kind;
}
