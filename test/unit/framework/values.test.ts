/** Exact numbers, value equality, exact JSON, durations and private state. */
import { parseExactJson, JsonNumber } from "../../../src/framework/exact-json";
import { jsonToValue } from "../../../src/framework/json-values";
import { PrivateState } from "../../../src/framework/private-state";
import { formatDuration } from "../../../src/framework/timeouts";
import { parseDuration } from "../../../src/go-duration";
import {
  Decimal,
  isKnown,
  normalizeDecimal,
  numberValue,
  UNKNOWN,
  valuesEqual,
} from "../../../src/framework/values";

describe("values", () => {
  test("numberValue keeps JS numbers only when exact", () => {
    expect(numberValue("42")).toBe(42);
    expect(numberValue("1.25")).toBe(1.25);
    expect(numberValue("1e3")).toBe(1000);
    expect(numberValue("9007199254740993")).toEqual(new Decimal("9007199254740993"));
    expect(numberValue(2n ** 70n)).toEqual(new Decimal("1180591620717411303424"));
    expect(numberValue("0.10000000000000000000001")).toEqual(new Decimal("0.10000000000000000000001"));
  });

  test("normalizeDecimal canonicalises spellings", () => {
    expect(normalizeDecimal("007.500")).toBe("7.5");
    expect(normalizeDecimal("-0.0")).toBe("0");
    expect(normalizeDecimal("1.5e3")).toBe("1500");
    expect(normalizeDecimal("25e-3")).toBe("0.025");
  });

  test("equality is deep and numeric; isKnown is deep", () => {
    expect(valuesEqual({ a: [1, { b: new Decimal("2") }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(valuesEqual({ a: null }, {})).toBe(true);
    expect(valuesEqual([1], [1, 2])).toBe(false);
    expect(valuesEqual(UNKNOWN, UNKNOWN)).toBe(true);
    expect(isKnown({ a: [1, UNKNOWN] })).toBe(false);
    expect(isKnown({ a: [1, null] })).toBe(true);
  });

  test("exact JSON keeps number text and rejects garbage", () => {
    const v = parseExactJson(
      '{"n": 123456789012345678901234567890, "s": "a\\"b", "l": [true, null, -1.5e2]}',
    ) as Record<string, unknown>;
    expect(v.n).toEqual(new JsonNumber("123456789012345678901234567890"));
    expect(v.s).toBe('a"b');
    expect(() => parseExactJson("{")).toThrow(SyntaxError);
    expect(() => parseExactJson('{"a":1} x')).toThrow("trailing");
    expect(jsonToValue(["list", "number"], parseExactJson("[1, 18446744073709551616]"))).toEqual([
      1,
      new Decimal("18446744073709551616"),
    ]);
  });

  test("Go durations", () => {
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("20")).toBeUndefined();
    expect(parseDuration("ten minutes")).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(1000)).toBe("1s");
  });

  test("private state round-trips and ignores foreign bytes", () => {
    const p = new PrivateState();
    p.set("dseq", "123");
    const back = PrivateState.fromBytes(p.toBytes());
    expect(back.get("dseq")).toBe("123");
    expect(PrivateState.fromBytes(new Uint8Array([1, 2, 3])).keys()).toEqual([]);
    expect(new PrivateState().toBytes().length).toBe(0);
  });
});
