/**
 * Typed reads from the parsed YAML tree. Each read checks the JSON-schema type of a value (the SDL input schema,
 * chain-sdk `go/sdl/sdl-input.schema.yaml`) and records an issue at its path instead of throwing, so one pass
 * reports every problem. Reads return undefined when the value was unusable.
 */
import type { IssueCollector } from "./sdl-error";
import { childPath, indexPath } from "./sdl-path";
import { isYamlScalar } from "./yaml-scalar";

const UINT32_MAX = 4294967295;

export type YamlMapping = Record<string, unknown>;

export function isMapping(value: unknown): value is YamlMapping {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isYamlScalar(value);
}

/** Go's yaml.v3 reading a scalar into a `string` field: the scalar's text; null gives "". */
export function goScalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isYamlScalar(value)) return value.kind === "null" ? "" : value.raw;
  if (value === null) return "";
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null || (isYamlScalar(value) && value.kind === "null")) return "null";
  if (Array.isArray(value)) return "a list";
  if (isYamlScalar(value)) return value.kind === "bool" ? "a boolean" : "a number";
  if (typeof value === "string") return "a string";
  return "a mapping";
}

export function isNull(value: unknown): boolean {
  return value === null || value === undefined || (isYamlScalar(value) && value.kind === "null");
}

export class YamlReader {
  constructor(readonly issues: IssueCollector) {}

  error(path: string, message: string): void {
    this.issues.add(path, message);
  }

  /** A mapping with only `allowed` keys and all `required` ones present. */
  mapping(
    value: unknown,
    path: string,
    allowed: readonly string[] | "any",
    required: readonly string[] = [],
  ): YamlMapping | undefined {
    if (!isMapping(value)) {
      this.error(path, `must be a mapping (key: value pairs), got ${describe(value)}`);
      return undefined;
    }
    if (allowed !== "any") {
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
          this.error(childPath(path, key), `unknown field "${key}" (allowed here: ${allowed.join(", ")})`);
        }
      }
    }
    for (const key of required) {
      if (!(key in value) || value[key] === undefined)
        this.error(childPath(path, key), "required field is missing");
    }
    return value;
  }

  /** Iterates a mapping's entries with their paths. */
  entries(map: YamlMapping, path: string): [string, unknown, string][] {
    return Object.entries(map).map(([key, value]) => [key, value, childPath(path, key)]);
  }

  list(value: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.error(path, `must be a list, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  string(value: unknown, path: string, minLength = 0): string | undefined {
    if (typeof value !== "string") {
      const hint = isYamlScalar(value) && value.kind !== "null" ? ` (quote it: "${value.raw}")` : "";
      this.error(path, `must be a string, got ${describe(value)}${hint}`);
      return undefined;
    }
    if (value.length < minLength) {
      this.error(
        path,
        minLength === 1 ? "must not be empty" : `must be at least ${minLength} characters long`,
      );
      return undefined;
    }
    return value;
  }

  /** A string from a closed set. */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      this.error(path, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got "${text}"`);
      return undefined;
    }
    return text as T;
  }

  /** An integer in [min, max]; `label` names it in messages ("port must be between 1 and 65535"). */
  integer(value: unknown, path: string, min: number, max: number, label = "value"): number | undefined {
    if (
      !isYamlScalar(value) ||
      (value.kind !== "int" && value.kind !== "float") ||
      !Number.isInteger(value.value)
    ) {
      this.error(path, `${label} must be an integer between ${min} and ${max}, got ${describe(value)}`);
      return undefined;
    }
    const n = value.value as number;
    if (n < min || n > max) {
      const range = max >= UINT32_MAX ? `at least ${min}` : `between ${min} and ${max}`;
      this.error(path, `${label} must be ${range}, got ${n}`);
      return undefined;
    }
    return n;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (!isYamlScalar(value) || value.kind !== "bool") {
      this.error(path, `must be true or false, got ${describe(value)}`);
      return undefined;
    }
    return value.value as boolean;
  }

  /** A list of strings; `null` (or absent) gives null. */
  stringList(value: unknown, path: string, nullable = true): string[] | null | undefined {
    if (nullable && isNull(value)) return null;
    const list = this.list(value, path);
    if (!list) return undefined;
    const out: string[] = [];
    let good = true;
    list.forEach((item, i) => {
      const text = this.string(item, indexPath(path, i));
      if (text === undefined) good = false;
      else out.push(text);
    });
    return good ? out : undefined;
  }
}
