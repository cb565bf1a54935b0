/**
 * Typed reads from the parsed YAML tree, with the semantics of Go's yaml.v3 decoding into chain-sdk's SDL structs
 * (what the CLI and providers run), so we accept what they accept:
 * - a key the struct does not know is ignored (a warning here), except where Go's own decoder refuses it;
 * - a key with no value (null) leaves the field at its zero value (read as absent, with a warning);
 * - any scalar read into a string field gives its text as written (`signedBy: [1234]` → "1234");
 * - booleans also accept YAML 1.1 words (yes/no/on/off/y/n), as yaml.v3 does for typed bool fields;
 * - a list or mapping where a scalar belongs, or a string where a number belongs, is an error (as in Go).
 * Each read records problems at their path instead of throwing, so one pass reports everything; reads return
 * undefined when the value was unusable.
 */
import type { IssueCollector } from "./sdl-error";
import { childPath, indexPath } from "./sdl-path";
import { isYamlScalar } from "./yaml-scalar";

const UINT32_MAX = 4294967295;
const GO_TRUE_WORDS = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];
const GO_FALSE_WORDS = ["n", "N", "no", "No", "NO", "off", "Off", "OFF"];

export type YamlMapping = Record<string, unknown>;

/** What to do with keys a mapping does not know: Go ignores them in structs but refuses them in some places. */
export type UnknownKeys = "ignore" | "refuse";

export function isMapping(value: unknown): value is YamlMapping {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isYamlScalar(value);
}

export function isNull(value: unknown): boolean {
  return value === null || value === undefined || (isYamlScalar(value) && value.kind === "null");
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

export class YamlReader {
  constructor(readonly issues: IssueCollector) {}

  error(path: string, message: string): void {
    this.issues.add(path, message);
  }

  /**
   * A mapping. Keys outside `allowed` are ignored with a warning (Go's struct decoding) or refused; `required` keys
   * must be present and not null.
   */
  mapping(
    value: unknown,
    path: string,
    allowed: readonly string[] | "any",
    required: readonly string[] = [],
    unknownKeys: UnknownKeys = "ignore",
  ): YamlMapping | undefined {
    if (!isMapping(value)) {
      this.error(path, `must be a mapping (key: value pairs), got ${describe(value)}`);
      return undefined;
    }
    if (allowed !== "any") {
      for (const key of Object.keys(value)) {
        if (allowed.includes(key)) continue;
        if (unknownKeys === "refuse") {
          this.error(childPath(path, key), `unknown field "${key}" (allowed here: ${allowed.join(", ")})`);
        } else {
          this.issues.warn(
            childPath(path, key),
            "ignored-field",
            `"${key}" is not an SDL field here and has no effect; Akash's SDL parser ignores it ` +
              `(fields here: ${allowed.join(", ")})`,
          );
        }
      }
    }
    for (const key of required) {
      if (isNull(value[key])) this.error(childPath(path, key), "required field is missing");
    }
    return value;
  }

  /**
   * The value of an optional key, or undefined when it is absent or has no value. A key written without a value
   * is reported as a warning: Go reads it as absent.
   */
  optional(map: YamlMapping, key: string, path: string): unknown {
    const value = map[key];
    if (value === undefined) return undefined;
    if (isNull(value)) {
      this.issues.warn(childPath(path, key), "empty-value", `"${key}" has no value and is read as absent`);
      return undefined;
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

  /** A string field: any scalar's text, as Go reads it (null gives ""). */
  string(value: unknown, path: string, minLength = 0): string | undefined {
    const text = goScalarText(value);
    if (text === undefined) {
      this.error(path, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    if (text.length < minLength) {
      this.error(
        path,
        minLength === 1 ? "must not be empty" : `must be at least ${minLength} characters long`,
      );
      return undefined;
    }
    return text;
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
      const hint = typeof value === "string" ? " (write it without quotes)" : "";
      this.error(
        path,
        `${label} must be an integer between ${min} and ${max}, got ${describe(value)}${hint}`,
      );
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

  /** A bool field: true/false, or a YAML 1.1 word (yes/no/on/off/y/n), which yaml.v3 accepts for typed bools. */
  boolean(value: unknown, path: string): boolean | undefined {
    if (isYamlScalar(value) && value.kind === "bool") return value.value as boolean;
    if (typeof value === "string" && GO_TRUE_WORDS.includes(value)) return true;
    if (typeof value === "string" && GO_FALSE_WORDS.includes(value)) return false;
    this.error(
      path,
      `must be true or false, got ${describe(value)}${typeof value === "string" ? ` "${value}"` : ""}`,
    );
    return undefined;
  }

  /** A list of strings (each item's text); null gives null. */
  stringList(value: unknown, path: string): string[] | null | undefined {
    if (isNull(value)) return null;
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
