/**
 * Go duration strings ("1h30m", "1.5h", "500ms"), the way terraform, Akash and Go tools write them, parsed exactly
 * like Go's time.ParseDuration: a sequence of decimal numbers, each with an optional fraction and a unit (ns, us,
 * µs, μs, ms, s, m, h); "0" alone needs no unit. Pure and dependency-free: the provider framework, the SDL
 * compiler, the resources and the constructs all parse durations with it.
 */

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_MAX = (1n << 63n) - 1n;
const PART = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/** Nanoseconds, or undefined where Go returns an error. */
export function goParseDuration(text: string): bigint | undefined {
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") return undefined;
  let total = 0n;
  while (rest !== "") {
    const match = PART.exec(rest);
    if (!match) return undefined;
    const [whole, wholeDigits = "", fractionDigits = "", unit = ""] = match;
    if (wholeDigits === "" && fractionDigits === "") return undefined;
    const scale = UNIT_NANOS[unit]!;
    // Go keeps the fraction to nanosecond precision and truncates the rest.
    const fraction =
      fractionDigits === "" ? 0n : (BigInt(fractionDigits) * scale) / 10n ** BigInt(fractionDigits.length);
    total += BigInt(wholeDigits || "0") * scale + fraction;
    if (total > INT64_MAX + (negative ? 1n : 0n)) return undefined;
    rest = rest.slice(whole.length);
  }
  return negative ? -total : total;
}

/** Go-style text for whole seconds ("24h", "1h30m", "45s"), as Go's Duration.String() writes them, without zero parts. */
export function formatGoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || (!h && !m) ? `${s}s` : ""}`;
}

/** A non-negative duration in milliseconds ("1h30m" → 5400000); undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const nanos = goParseDuration(text.trim());
  if (nanos === undefined || nanos < 0n) return undefined;
  return Number(nanos) / 1e6;
}
