/**
 * Resource quantities exactly as Go's SDL parser reads them (chain-sdk `go/sdl/units.go`), because the numbers end
 * up in the manifest hash and in the on-chain group specs:
 * - CPU: `"100m"` = 100 millicpu (integer only), otherwise a float × 1000, truncated (`0.5` → 500).
 * - Byte sizes: optional suffix k M G T P E (×1000ⁿ) or Ki Mi Gi Ti Pi Ei (×1024ⁿ), case-sensitive, float mantissa,
 *   truncated toward zero (`0.1Ki` → 102; the TS chain-sdk rounds up and gets 103, which breaks the hash).
 * - GPU units: a plain unsigned integer.
 * Each parser returns a number or an error message (without path; the caller adds it).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

// The decimal subset of Go's strconv.ParseFloat syntax (hex floats, inf and nan are not meaningful here).
const GO_DECIMAL_FLOAT = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;

/** strconv.ParseFloat(s, 64) for decimal input; undefined if Go would fail. */
export function goParseFloat(text: string): number | undefined {
  // Go only accepts underscores with a base prefix, so a decimal with "_" is an error there too.
  if (text.includes("_") || !GO_DECIMAL_FLOAT.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** strconv.ParseUint(s, 10, bits); undefined if Go would fail (sign, non-digits, overflow). */
export function goParseUint(text: string, bits: 32 | 64): bigint | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < 1n << BigInt(bits) ? value : undefined;
}

const DECIMAL_SUFFIXES: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Millicpu from a `cpu.units` text. */
export function parseCpuMillis(text: string): Parsed<number> {
  if (text.startsWith("-")) return fail(`invalid CPU quantity "${text}": CPU units must be positive`);
  if (text.endsWith("m")) {
    const value = goParseUint(text.slice(0, -1), 32);
    if (value === undefined)
      return fail(`invalid CPU quantity "${text}": millicpu ("…m") must be a whole number`);
    return ok(Number(value));
  }
  const value = goParseFloat(text);
  if (value === undefined)
    return fail(`invalid CPU quantity "${text}": expected a number such as 0.5, 2 or 500m`);
  const millis = value * 1000;
  if (millis < 0) return fail(`invalid CPU quantity "${text}": negative values are not allowed`);
  return ok(Math.trunc(millis));
}

function parseWithSuffix(text: string, suffixes: Record<string, number>, what: string): Parsed<number> {
  let mantissa = text;
  let multiplier = 1;
  for (const [suffix, factor] of Object.entries(suffixes)) {
    if (text.endsWith(suffix)) {
      mantissa = text.slice(0, -suffix.length);
      multiplier = factor;
      break;
    }
  }
  const value = goParseFloat(mantissa);
  if (value === undefined) {
    const allowed = Object.keys(suffixes).join(", ");
    return fail(
      `invalid ${what} "${text}": expected a number with an optional suffix (${allowed}; case-sensitive)`,
    );
  }
  const bytes = value * multiplier;
  if (bytes < 0) return fail(`invalid ${what} "${text}": negative values are not allowed`);
  return ok(Math.trunc(bytes));
}

/** Bytes from a memory/storage `size` (decimal and binary suffixes). */
export function parseByteQuantity(text: string): Parsed<number> {
  return parseWithSuffix(text, { ...DECIMAL_SUFFIXES, ...BINARY_SUFFIXES }, "size");
}

/** Bytes from a GPU `ram` value (binary suffixes only, like Go's memoryQuantity). */
export function parseGpuRam(text: string): Parsed<number> {
  return parseWithSuffix(text, BINARY_SUFFIXES, "GPU ram");
}

/** GPU ram attribute text: whole Gi, as Go's StringWithSuffix("Gi") (`80Gi`, `0.5Gi` → `0Gi`). */
export function formatGpuRam(bytes: number): string {
  return `${BigInt(Math.trunc(bytes / BINARY_SUFFIXES.Gi!))}Gi`;
}

/** GPU units: an unsigned integer. */
export function parseGpuUnits(text: string): Parsed<number> {
  const value = goParseUint(text, 64);
  if (value === undefined) return fail(`invalid GPU units "${text}": expected a whole number`);
  return ok(Number(value));
}

/** A resource value as the chain writes it: the exact decimal integer text. */
export function resourceValueText(value: number): string {
  return BigInt(Math.trunc(value)).toString();
}
