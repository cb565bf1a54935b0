/**
 * Terraform 0.11-era "flatmap" state (`tags.%`, `rule.#`, `rule.0.port`) read into a value of the current type.
 * Only reachable for very old states; kept so UpgradeResourceState never fails on them.
 */
import type { TfType } from "./schema";
import { numberValue, setOwn, type ObjectValue, type Value } from "./values";

function childKeys(flat: Record<string, string>, prefix: string): string[] {
  const seen = new Set<string>();
  for (const key of Object.keys(flat)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const first = rest.split(".")[0]!;
    if (first !== "#" && first !== "%") seen.add(first);
  }
  return [...seen];
}

export function flatmapToValue(type: TfType, flat: Record<string, string>, prefix = ""): Value {
  const dot = prefix ? `${prefix}.` : "";
  if (typeof type === "string") {
    const raw = flat[prefix];
    if (raw === undefined) return null;
    if (type === "number") return numberValue(raw);
    if (type === "bool") return raw === "true";
    return raw;
  }
  const [kind, inner] = type;
  switch (kind) {
    case "object": {
      const out: ObjectValue = {};
      for (const [name, t] of Object.entries(inner))
        setOwn(out, name, flatmapToValue(t, flat, `${dot}${name}`));
      return out;
    }
    case "list":
    case "tuple": {
      const count = flat[`${dot}#`];
      if (count === undefined) return null;
      const n = Number(count);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        const t = kind === "list" ? inner : (inner[i] ?? "dynamic");
        out.push(flatmapToValue(t, flat, `${dot}${i}`));
      }
      return out;
    }
    case "set": {
      if (flat[`${dot}#`] === undefined) return null;
      return childKeys(flat, dot).map((k) => flatmapToValue(inner, flat, `${dot}${k}`));
    }
    case "map": {
      if (flat[`${dot}%`] === undefined && flat[`${dot}#`] === undefined) return null;
      const out: ObjectValue = {};
      if (typeof inner === "string") {
        for (const key of Object.keys(flat)) {
          if (key.startsWith(dot) && key !== `${dot}%` && key !== `${dot}#`) {
            setOwn(out, key.slice(dot.length), flatmapToValue(inner, flat, key));
          }
        }
      } else {
        for (const k of childKeys(flat, dot)) setOwn(out, k, flatmapToValue(inner, flat, `${dot}${k}`));
      }
      return out;
    }
  }
}
