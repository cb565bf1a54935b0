/** Typed models derived from schemas: the derived types (checked by tsc) and the runtime decoding. */
import {
  defineSchema,
  modelCodec,
  ModelTypeError,
  type ModelOf,
  type PlanModelOf,
} from "../../../src/framework/model";
import { Decimal, UNKNOWN, UnknownValue } from "../../../src/framework/values";
import { stableComputed } from "../../../src/framework/plan-modifiers";

const schema = defineSchema({
  version: 0,
  block: {
    attributes: {
      name: { type: "string", required: true, description: "" },
      count: { type: "number", optional: true, computed: true, default: 1, description: "" },
      id: { type: "string", ...stableComputed, description: "" },
      tags: { type: ["map", "string"], optional: true, description: "" },
      ports: {
        type: ["list", ["object", { port: "number", host: "string" }]],
        computed: true,
        description: "",
      },
    },
    blocks: {
      policy: {
        nesting: "single",
        block: { attributes: { wait: { type: "string", optional: true, description: "" } } },
      },
    },
  },
});

type Model = ModelOf<typeof schema>;
type Plan = PlanModelOf<typeof schema>;

// Compile-time checks: each line fails `tsc` if the derived type changes.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const checks: [
  Equal<Model["name"], string>,
  Equal<Model["count"], number | null>,
  Equal<Model["id"], string | null>,
  Equal<Model["tags"], Record<string, string> | null>,
  Equal<Model["ports"], { port: number | null; host: string | null }[] | null>,
  Equal<Model["policy"], { wait: string | null } | null>,
  Equal<Plan["name"], string | UnknownValue>,
  Equal<Plan["policy"], { wait: string | null | UnknownValue } | null | UnknownValue>,
] = [true, true, true, true, true, true, true, true];

const codec = modelCodec(schema);

test("derived types hold (see the compile-time checks above)", () => {
  expect(checks.every(Boolean)).toBe(true);
});

test("known decoding: numbers become JS numbers, missing attributes null, extra keys dropped", () => {
  const model = codec.known({
    name: "web",
    count: new Decimal("3"),
    tags: { a: "b" },
    ports: [{ port: 80, host: null }],
    policy: { wait: "5m" },
    timeouts: null,
  });
  expect(model).toEqual({
    name: "web",
    count: 3,
    id: null,
    tags: { a: "b" },
    ports: [{ port: 80, host: null }],
    policy: { wait: "5m" },
  });
});

test("known decoding reads unknown values as null (apply: only computed values can be unknown)", () => {
  expect(codec.known({ name: "web", id: UNKNOWN, ports: UNKNOWN }).id).toBeNull();
});

test("planning keeps unknowns; a nested unknown makes the attribute unknown, blocks stay per attribute", () => {
  const plan = codec.planning({ name: UNKNOWN, tags: { a: UNKNOWN }, policy: { wait: UNKNOWN } });
  expect(plan.name).toBeInstanceOf(UnknownValue);
  expect(plan.tags).toBeInstanceOf(UnknownValue);
  expect(plan.policy).toEqual({ wait: expect.any(UnknownValue) as unknown });
  expect(codec.planning({ name: "x", policy: UNKNOWN }).policy).toBeInstanceOf(UnknownValue);
});

test("a value of the wrong type is a ModelTypeError naming the path", () => {
  expect(() => codec.known({ name: 5 })).toThrow(ModelTypeError);
  expect(() => codec.known({ name: "x", ports: [{ port: "80" }] })).toThrow(
    "ports[0].port: expected a number",
  );
});
