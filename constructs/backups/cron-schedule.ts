/**
 * Synth-time check of a backup schedule, the way the backup image reads it: pg-bkup parses
 * BACKUP_CRON_EXPRESSION with robfig/cron v3.0.1 `ParseStandard` (five fields — minute, hour, day of month,
 * month, day of week — or a descriptor such as `@daily` or `@every 6h`). A schedule that parser refuses makes the
 * container exit at start; one it accepts but that can never fire (31 February) makes it wait forever. Both are
 * refused here, with the field at fault. Stricter than the parser in two places, each with its reason: a `TZ=`
 * prefix (use `timeZone`) and `@every` below one second (the parser silently runs it every second).
 */
import { goParseDuration } from "../../src/go-duration";

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAY_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: readonly Bounds[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES },
  { name: "day of week", min: 0, max: 6, names: DAY_NAMES },
];

const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const EVERY = "@every ";
const SECOND_NANOS = 1_000_000_000n;
const INT64_MAX = (1n << 63n) - 1n;
/** Longest month for each month number (February counts its leap-year 29th). */
const MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The values one field selects, and whether it was written as "every value" (`*` or `?`, step 1). */
interface FieldValues {
  values: Set<number>;
  star: boolean;
}

/** Go's strconv.Atoi as robfig/cron uses it: optional sign, decimal digits, int64 range, then no negatives. */
function parseNumber(text: string, expr: string): number | string {
  if (!/^[+-]?\d+$/.test(text)) return `"${text}" is not a number (in "${expr}")`;
  const value = BigInt(text);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return `"${text}" is out of range (in "${expr}")`;
  if (value < 0n) return `negative number ${value} is not allowed (in "${expr}")`;
  return Number(value);
}

function parseIntOrName(text: string, bounds: Bounds, expr: string): number | string {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? parseNumber(text, expr);
}

/** One `start[-end][/step]` expression (robfig/cron getRange), added to `into`. */
function addRange(expr: string, bounds: Bounds, into: FieldValues): string | undefined {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0]!.split("-");
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    [start, end, star] = [bounds.min, bounds.max, true];
  } else {
    const low = parseIntOrName(lowAndHigh[0]!, bounds, expr);
    if (typeof low === "string") return low;
    start = low;
    end = low;
    if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1]!, bounds, expr);
      if (typeof high === "string") return high;
      end = high;
    } else if (lowAndHigh.length > 2) return `too many hyphens in "${expr}"`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = parseNumber(rangeAndStep[1]!, expr);
    if (typeof parsed === "string") return parsed;
    step = parsed;
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) return `too many slashes in "${expr}"`;
  if (start < bounds.min) return `${start} is below the minimum ${bounds.min} (in "${expr}")`;
  if (end > bounds.max) return `${end} is above the maximum ${bounds.max} (in "${expr}")`;
  if (start > end) return `the range starts at ${start}, after its end ${end} (in "${expr}")`;
  if (step === 0) return `the step must be a positive number (in "${expr}")`;
  for (let v = start; v <= end; v += step) into.values.add(v);
  into.star ||= star;
  return undefined;
}

function parseField(field: string, bounds: Bounds): FieldValues | string {
  const parsed: FieldValues = { values: new Set(), star: false };
  // Go's strings.FieldsFunc on ",": empty pieces are dropped.
  for (const expr of field.split(",").filter((e) => e !== "")) {
    const problem = addRange(expr, bounds, parsed);
    if (problem) return `${bounds.name} field: ${problem}`;
  }
  if (parsed.values.size === 0) return `${bounds.name} field "${field}" selects no value`;
  return parsed;
}

/**
 * robfig/cron matches a day when day of month AND day of week match if either was written as `*`, OR otherwise.
 * Only with a `*` day of week can the day of month exclude every day of every chosen month.
 */
function neverFires(dom: FieldValues, month: FieldValues, dow: FieldValues): boolean {
  if (!dow.star) return false;
  for (const m of month.values) {
    for (const d of dom.values) if (d <= MONTH_DAYS[m]!) return false;
  }
  return true;
}

function checkDescriptor(spec: string): string | undefined {
  if (DESCRIPTORS.includes(spec)) return undefined;
  if (spec.startsWith(EVERY)) {
    const nanos = goParseDuration(spec.slice(EVERY.length));
    if (nanos === undefined)
      return `"${spec.slice(EVERY.length)}" is not a Go duration (e.g. 6h, 90m, 1h30m)`;
    // The parser turns anything shorter (zero and negatives included) into "every second".
    if (nanos < SECOND_NANOS) return "@every needs a duration of at least 1s";
    return undefined;
  }
  return `unknown descriptor; use one of ${DESCRIPTORS.join(", ")} or "@every <duration>"`;
}

/** Why `spec` is not a schedule the backup image can run, or undefined when it is one. */
export function cronScheduleProblem(spec: string): string | undefined {
  if (spec.length === 0) return "the schedule is empty";
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ="))
    return "give the time zone in timeZone, not as a TZ= prefix of the schedule";
  if (spec.startsWith("@")) return checkDescriptor(spec);
  const fields = spec.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5)
    return `expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`;
  const parsed: FieldValues[] = [];
  for (const [i, field] of fields.entries()) {
    const values = parseField(field, FIELDS[i]!);
    if (typeof values === "string") return values;
    parsed.push(values);
  }
  if (neverFires(parsed[2]!, parsed[3]!, parsed[4]!))
    return "the day of month never occurs in the chosen months, so the backup would never run";
  return undefined;
}
