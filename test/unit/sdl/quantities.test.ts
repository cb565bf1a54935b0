import { formatLegacyDec, parseLegacyDec } from "../../../src/sdl/legacy-dec";
import {
  formatGpuRam,
  parseByteQuantity,
  parseCpuMillis,
  parseGpuRam,
  parseGpuUnits,
  resourceValueText,
} from "../../../src/sdl/quantities";

const value = <T>(p: { ok: true; value: T } | { ok: false; error: string }): T | string =>
  p.ok ? p.value : `error: ${p.error}`;

describe("CPU units → millicpu (Go semantics)", () => {
  test.each([
    ["100m", 100],
    ["0.5", 500],
    ["1", 1000],
    ["1.5", 1500],
    ["0.1234", 123], // truncated, not rounded
    ["1.005", 1004], // float64 1.005 × 1000 = 1004.999…, truncated like Go's uint32(float)
    ["2e1", 20000],
  ])("%s → %d", (text, millis) => {
    expect(value(parseCpuMillis(text))).toBe(millis);
  });

  test.each(["1.5m", "-1", "-100m", "2k", "abc", "", "m", "1_0"])("%s is rejected", (text) => {
    expect(parseCpuMillis(text).ok).toBe(false);
  });
});

describe("byte sizes", () => {
  test.each([
    ["128Mi", 134217728],
    ["1Gi", 1073741824],
    ["1G", 1e9],
    ["512M", 512e6],
    ["1k", 1000],
    ["1Ki", 1024],
    ["0.1Ki", 102], // Go truncates; the TS chain-sdk rounds up to 103
    ["1.5Gi", 1610612736],
    ["1000", 1000],
    ["2Ti", 2 * 2 ** 40],
    ["1Ei", 2 ** 60],
  ])("%s → %d bytes", (text, bytes) => {
    expect(value(parseByteQuantity(text))).toBe(bytes);
  });

  test.each(["512m", "1gi", "1GB", "-1Gi", "Gi", "1 Gi", "1.2.3Mi"])(
    "%s is rejected (suffixes are case-sensitive)",
    (text) => {
      const parsed = parseByteQuantity(text);
      expect(parsed.ok).toBe(false);
    },
  );

  test("values beyond 2^53 are written exactly", () => {
    expect(resourceValueText(2 ** 60)).toBe("1152921504606846976");
  });

  test("GPU ram takes binary suffixes only and is written in whole Gi", () => {
    expect(value(parseGpuRam("80Gi"))).toBe(80 * 2 ** 30);
    expect(parseGpuRam("80G").ok).toBe(false);
    expect(formatGpuRam(80 * 2 ** 30)).toBe("80Gi");
    expect(formatGpuRam(2 ** 29)).toBe("0Gi");
  });

  test("GPU units are whole numbers", () => {
    expect(value(parseGpuUnits("2"))).toBe(2);
    expect(parseGpuUnits("1.0").ok).toBe(false);
    expect(parseGpuUnits("-1").ok).toBe(false);
  });
});

describe("LegacyDec prices", () => {
  test.each([
    ["50", "50.000000000000000000"],
    ["0.5", "0.500000000000000000"],
    ["1000.123456789012345678", "1000.123456789012345678"],
    ["+7", "7.000000000000000000"],
  ])("%s → %s", (text, formatted) => {
    expect(formatLegacyDec(parseLegacyDec(text)!)).toBe(formatted);
  });

  test.each([".5", "5.", "1e3", "1.0000000000000000001", "abc", ""])("%s is rejected like Go", (text) => {
    expect(parseLegacyDec(text)).toBeUndefined();
  });
});
