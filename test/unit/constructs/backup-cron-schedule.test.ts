/**
 * The backup schedule is checked the way pg-bkup's parser (robfig/cron v3.0.1 ParseStandard) reads it: what it
 * accepts passes, what it refuses is refused with the field at fault, and what it accepts but can never fire (or
 * silently turns into "every second") is refused too.
 */
import { cronScheduleProblem } from "../../../constructs/backups/cron-schedule";

describe("accepted like robfig/cron ParseStandard accepts them", () => {
  test.each([
    "0 3 * * *",
    "*/15 * * * *",
    "0 0-23/6 * * *",
    "30 2 * * mon-fri",
    "30 2 * * MON,wed,FRI",
    "0 0 1 jan,jul *",
    "0 12 ? * sun",
    "5/10 * * * *", // N/step means N-max/step
    "1,5-7/2,3 * * * *",
    "0,,30 * * * *", // empty list items are dropped
    "+5 * * * *", // Go's Atoi takes a sign
    "  0   3 * *   * ", // fields split on runs of whitespace
    "0 0 29 2 *", // leap years have a 29 February
    "0 0 31 2 mon", // day of month OR day of week when neither is "*": every Monday of February
    "0 0 31 */2 *", // January has a 31st
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
    "@every 6h",
    "@every 1h30m",
    "@every 1s",
  ])("%j", (spec) => {
    expect(cronScheduleProblem(spec)).toBeUndefined();
  });
});

describe("refused as robfig/cron refuses them (the container would exit at start)", () => {
  test.each([
    ["", "the schedule is empty"],
    ["0 3 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6"],
    ["0 3", "expected 5 fields (minute hour day-of-month month day-of-week), found 2"],
    ["60 * * * *", 'minute field: 60 is above the maximum 59 (in "60")'],
    ["* 24 * * *", 'hour field: 24 is above the maximum 23 (in "24")'],
    ["* * 0 * *", 'day of month field: 0 is below the minimum 1 (in "0")'],
    ["* * * 13 *", 'month field: 13 is above the maximum 12 (in "13")'],
    ["* * * * 7", 'day of week field: 7 is above the maximum 6 (in "7")'],
    ["5-1 * * * *", 'minute field: the range starts at 5, after its end 1 (in "5-1")'],
    ["5--5 * * * *", 'minute field: too many hyphens in "5--5"'],
    ["*//2 * * * *", 'minute field: too many slashes in "*//2"'],
    ["*/0 * * * *", 'minute field: the step must be a positive number (in "*/0")'],
    ["*/-12 * * * *", 'minute field: negative number -12 is not allowed (in "*/-12")'],
    ["x * * * *", 'minute field: "x" is not a number (in "x")'],
    ["* * * * monday", 'day of week field: "monday" is not a number (in "monday")'],
    ["* * * mon *", 'month field: "mon" is not a number (in "mon")'],
    [
      "99999999999999999999 * * * *",
      'minute field: "99999999999999999999" is out of range (in "99999999999999999999")',
    ],
    ["@every 1x", '"1x" is not a Go duration (e.g. 6h, 90m, 1h30m)'],
    [
      "@every",
      'unknown descriptor; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"',
    ],
    [
      "@Daily",
      'unknown descriptor; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"',
    ],
  ])("%j", (spec, problem) => {
    expect(cronScheduleProblem(spec)).toBe(problem);
  });
});

describe("refused although robfig/cron accepts them", () => {
  test.each([
    // Parsed, but Next() finds no time: pg-bkup would wait forever and never back up.
    ["0 0 30 2 *", "the day of month never occurs in the chosen months, so the backup would never run"],
    [
      "0 0 31 4,6,9,11 *",
      "the day of month never occurs in the chosen months, so the backup would never run",
    ],
    ["0 0 , * *", 'day of month field "," selects no value'],
    // Every(d) turns anything under a second, zero and negatives included, into "every second".
    ["@every 0s", "@every needs a duration of at least 1s"],
    ["@every -1h", "@every needs a duration of at least 1s"],
    ["@every 999ms", "@every needs a duration of at least 1s"],
    // The container's TZ comes from timeZone; a prefix would hide which zone the schedule is in.
    ["TZ=UTC 0 3 * * *", "give the time zone in timeZone, not as a TZ= prefix of the schedule"],
    ["CRON_TZ=Asia/Tokyo @daily", "give the time zone in timeZone, not as a TZ= prefix of the schedule"],
  ])("%j", (spec, problem) => {
    expect(cronScheduleProblem(spec)).toBe(problem);
  });
});
