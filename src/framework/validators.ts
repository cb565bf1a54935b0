/**
 * Attribute validators: small composable values run at validate time. The framework calls them only with a known,
 * non-null value (unknown values are checked again once known, at plan/apply time by the handlers themselves).
 */
import { type AttributePath, type Diagnostics } from "./diagnostics";
import { Decimal, isKnown, normalizeDecimal, type Value } from "./values";

export interface Validator {
  /** Markdown, e.g. "one of `a`, `b`". */
  description: string;
  validate(value: Value, path: AttributePath, diags: Diagnostics): void;
}

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** Compares two numbers exactly, Decimal included. */
export function compareNumbers(a: number | Decimal, b: number | Decimal): number {
  const sa = normalizeDecimal(String(a));
  const sb = normalizeDecimal(String(b));
  if (sa === sb) return 0;
  if (/^-?\d+$/.test(sa) && /^-?\d+$/.test(sb)) return BigInt(sa) < BigInt(sb) ? -1 : 1;
  return Number(sa) < Number(sb) ? -1 : 1;
}

function isNumeric(v: Value): v is number | Decimal {
  return typeof v === "number" || v instanceof Decimal;
}

export function oneOf(allowed: readonly (string | number | boolean)[]): Validator {
  const list = allowed.map((a) => `\`${String(a)}\``).join(", ");
  return {
    description: `Must be one of ${list}.`,
    validate(value, path, diags) {
      const ok = allowed.some((a) =>
        isNumeric(value) && typeof a === "number" ? compareNumbers(value, a) === 0 : a === value,
      );
      if (!ok) diags.error("Invalid value", `${show(value)} is not allowed; expected one of ${list}.`, path);
    },
  };
}

/** The string must match `pattern`; `message` says in words what is expected (e.g. "a bech32 akash address"). */
export function matches(pattern: RegExp, message: string): Validator {
  return {
    description: `Must be ${message}.`,
    validate(value, path, diags) {
      if (typeof value === "string" && !pattern.test(value)) {
        diags.error("Invalid value", `${show(value)} is not ${message}.`, path);
      }
    },
  };
}

export function atLeast(min: number | Decimal): Validator {
  return {
    description: `Must be at least ${String(min)}.`,
    validate(value, path, diags) {
      if (isNumeric(value) && compareNumbers(value, min) < 0) {
        diags.error("Value too small", `${String(value)} is less than the minimum ${String(min)}.`, path);
      }
    },
  };
}

export function atMost(max: number | Decimal): Validator {
  return {
    description: `Must be at most ${String(max)}.`,
    validate(value, path, diags) {
      if (isNumeric(value) && compareNumbers(value, max) > 0) {
        diags.error("Value too large", `${String(value)} is more than the maximum ${String(max)}.`, path);
      }
    },
  };
}

export function between(min: number | Decimal, max: number | Decimal): Validator {
  const low = atLeast(min);
  const high = atMost(max);
  return {
    description: `Must be between ${String(min)} and ${String(max)}.`,
    validate(value, path, diags) {
      low.validate(value, path, diags);
      high.validate(value, path, diags);
    },
  };
}

/** String length (in characters) or number of collection elements. */
export function lengthBetween(min: number, max = Infinity): Validator {
  const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
  return {
    description: `Length must be ${range}.`,
    validate(value, path, diags) {
      let length: number | undefined;
      if (typeof value === "string") length = [...value].length;
      else if (Array.isArray(value)) length = value.length;
      else if (value !== null && typeof value === "object" && !(value instanceof Decimal) && isKnown(value)) {
        length = Object.keys(value).length;
      }
      if (length !== undefined && (length < min || length > max)) {
        diags.error("Invalid length", `The length is ${length}; it must be ${range}.`, path);
      }
    },
  };
}

/** Any check: report problems through `diags` (use `path` so terraform points at the attribute). */
export function custom(
  check: (value: Value, path: AttributePath, diags: Diagnostics) => void,
  description = "Custom validation.",
): Validator {
  return { description, validate: check };
}
