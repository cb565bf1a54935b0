/**
 * Terraform values as resources see them. Numbers that a JS number cannot hold exactly arrive as `Decimal`;
 * values terraform does not know yet ("known after apply") arrive as `UnknownValue`.
 */

/**
 * A value terraform does not know yet. `refinement` keeps terraform's raw msgpack extension (e.g. a refined
 * unknown, extension type 12) so it goes back unchanged; resources never need to look at it.
 */
export class UnknownValue {
  constructor(readonly refinement?: { type: number; data: Uint8Array }) {}
  toString(): string {
    return "(known after apply)";
  }
  toJSON(): string {
    return "(known after apply)";
  }
}

/** The plain unknown value; what resources put into a plan for "known after apply". */
export const UNKNOWN = new UnknownValue();

/** An exact decimal number (integer or fraction) beyond what a JS number holds exactly, e.g. uakt above 2^53. */
export class Decimal {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
  /** The value as a bigint; throws when the decimal has a fractional part. */
  toBigInt(): bigint {
    return BigInt(this.text);
  }
}

export type Value =
  null | string | number | boolean | Decimal | UnknownValue | Value[] | { [k: string]: Value };
export type ObjectValue = { [k: string]: Value };

export function isUnknown(v: Value | undefined): v is UnknownValue {
  return v instanceof UnknownValue;
}

export function isObjectValue(v: Value | undefined): v is ObjectValue {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Decimal) &&
    !(v instanceof UnknownValue)
  );
}

/** True when the value contains no unknown anywhere (null counts as known). */
export function isKnown(v: Value): boolean {
  if (v instanceof UnknownValue) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (isObjectValue(v)) return Object.values(v).every(isKnown);
  return true;
}

/** Number from a number-typed value (exact for safe integers; may round a Decimal). */
export function toNumber(v: number | Decimal): number {
  return typeof v === "number" ? v : Number(v.text);
}

/** An exact number value: a JS number when it round-trips, a Decimal otherwise. */
export function numberValue(n: number | bigint | string): number | Decimal {
  if (typeof n === "number") return n;
  const text = typeof n === "bigint" ? n.toString() : n.trim();
  const asNumber = Number(text);
  if (Number.isFinite(asNumber) && sameNumber(String(asNumber), text)) return asNumber;
  return new Decimal(normalizeDecimal(text));
}

/** "00012.500" and "12.5" are the same number; compares canonical spellings. */
function sameNumber(a: string, b: string): boolean {
  return normalizeDecimal(a) === normalizeDecimal(b);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Canonical plain decimal text (no exponent, no redundant zeros). Leaves unparseable text untouched. */
export function normalizeDecimal(text: string): string {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return text;
  const sign = m[1] === "-" ? "-" : "";
  let digits = (m[2] ?? "") + (m[3] ?? "");
  let point = (m[2] ?? "").length + Number(m[4] ?? 0);
  // Strip leading zeros while tracking the decimal point.
  while (digits.length > 1 && digits[0] === "0") {
    digits = digits.slice(1);
    point -= 1;
  }
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits + "0".repeat(point - digits.length);
  let intPart = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const frac = digits.slice(point).replace(/0+$/, "");
  if (intPart === "") intPart = "0";
  const out = frac ? `${intPart}.${frac}` : intPart;
  return out === "0" ? "0" : sign + out;
}

/** Deep equality of two values (unknowns equal each other; numbers compare by value, Decimal included). */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a instanceof UnknownValue || b instanceof UnknownValue)
    return a instanceof UnknownValue && b instanceof UnknownValue;
  if ((typeof a === "number" || a instanceof Decimal) && (typeof b === "number" || b instanceof Decimal)) {
    return normalizeDecimal(String(a)) === normalizeDecimal(String(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i]));
  }
  if (isObjectValue(a) && isObjectValue(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!valuesEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Sets an own property, safe for keys such as "__proto__" that come from user maps. */
export function setOwn(obj: ObjectValue, key: string, value: Value): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Deep copy of plain containers (Decimal and UnknownValue are immutable and shared). */
export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (isObjectValue(v)) {
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, cloneValue(x));
    return out as T;
  }
  return v;
}
