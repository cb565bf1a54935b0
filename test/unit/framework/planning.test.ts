/** The generic planning rules (terraform-plugin-framework semantics). */
import { planResource } from "../../../src/framework/planning";
import {
  requiresReplace,
  requiresReplaceIf,
  useStateForUnknown,
} from "../../../src/framework/plan-modifiers";
import type { BlockSpec } from "../../../src/framework/schema";
import { isUnknown, UNKNOWN, type ObjectValue } from "../../../src/framework/values";

const block: BlockSpec = {
  attributes: {
    id: { type: "string", computed: true, description: "", planModifiers: [useStateForUnknown()] },
    name: { type: "string", required: true, description: "", planModifiers: [requiresReplace("identity")] },
    note: { type: "string", optional: true, description: "" },
    size: { type: "number", optional: true, computed: true, default: 1, description: "" },
    status: { type: "string", computed: true, description: "" },
    grow: {
      type: "number",
      optional: true,
      description: "",
      planModifiers: [
        requiresReplaceIf((prior, planned) => Number(planned) < Number(prior), "can only grow"),
      ],
    },
    password: { type: "string", optional: true, writeOnly: true, description: "" },
  },
  blocks: {
    rule: {
      nesting: "list",
      block: {
        attributes: {
          port: { type: "number", required: true, description: "" },
          proto: { type: "string", optional: true, computed: true, default: "tcp", description: "" },
          uid: { type: "string", computed: true, description: "" },
        },
      },
    },
  },
};

const config = (o: ObjectValue): ObjectValue => ({
  id: null,
  name: null,
  note: null,
  size: null,
  status: null,
  grow: null,
  password: null,
  rule: [],
  ...o,
});

describe("planning", () => {
  test("create: defaults applied, computed attributes unknown, write-only null, no replacement", () => {
    const cfg = config({ name: "a", password: "pw", rule: [{ port: 80, proto: null, uid: null }] });
    const { planned, requiresReplace: rr } = planResource(block, null, cfg, cfg);
    expect(planned.size).toBe(1);
    expect(isUnknown(planned.id)).toBe(true);
    expect(isUnknown(planned.status)).toBe(true);
    expect(planned.password).toBeNull();
    expect(planned.rule).toEqual([{ port: 80, proto: "tcp", uid: UNKNOWN }]);
    expect(rr).toEqual([]);
  });

  test("nothing changed: the plan equals the prior state (no unknowns)", () => {
    const prior: ObjectValue = {
      ...config({ name: "a" }),
      id: "x",
      size: 1,
      status: "ok",
      rule: [{ port: 80, proto: "tcp", uid: "u1" }],
    };
    const cfg = config({ name: "a", rule: [{ port: 80, proto: null, uid: null }] });
    const { planned, requiresReplace: rr } = planResource(block, prior, prior, cfg);
    expect(planned).toEqual(prior);
    expect(rr).toEqual([]);
  });

  test("update: unconfigured computed attributes become unknown except useStateForUnknown", () => {
    const prior: ObjectValue = { ...config({ name: "a" }), id: "x", size: 1, status: "ok", rule: [] };
    const cfg = config({ name: "a", note: "new" });
    const proposed = { ...prior, note: "new" };
    const { planned, requiresReplace: rr } = planResource(block, prior, proposed, cfg);
    expect(planned.id).toBe("x");
    expect(isUnknown(planned.status)).toBe(true);
    expect(planned.note).toBe("new");
    expect(rr).toEqual([]);
  });

  test("requiresReplace and requiresReplaceIf report the path", () => {
    const prior: ObjectValue = {
      ...config({ name: "a", grow: 5 }),
      id: "x",
      size: 1,
      status: "ok",
      rule: [],
    };
    const shrink = planResource(block, prior, { ...prior, grow: 3 }, config({ name: "a", grow: 3 }));
    expect(shrink.requiresReplace).toEqual([{ path: ["grow"], reason: "can only grow" }]);
    const grow = planResource(block, prior, { ...prior, grow: 9 }, config({ name: "a", grow: 9 }));
    expect(grow.requiresReplace).toEqual([]);
    const rename = planResource(block, prior, { ...prior, name: "b" }, config({ name: "b" }));
    expect(rename.requiresReplace).toEqual([{ path: ["name"], reason: "identity" }]);
  });

  test("an unknown configured value stays unknown and useStateForUnknown does not hide it", () => {
    const prior: ObjectValue = { ...config({ name: "a" }), id: "x", size: 1, status: "ok", rule: [] };
    const cfg = config({ name: "a", note: UNKNOWN });
    const { planned } = planResource(block, prior, { ...prior, note: UNKNOWN }, cfg);
    expect(isUnknown(planned.note)).toBe(true);
    expect(planned.id).toBe("x");
  });

  test("a changed timeouts block alone is not a change", () => {
    const withTimeouts: BlockSpec = {
      ...block,
      blocks: {
        ...block.blocks,
        timeouts: {
          nesting: "single",
          block: { attributes: { create: { type: "string", optional: true, description: "" } } },
        },
      },
    };
    const prior: ObjectValue = {
      ...config({ name: "a" }),
      id: "x",
      size: 1,
      status: "ok",
      rule: [],
      timeouts: null,
    };
    const proposed = { ...prior, timeouts: { create: "5m" } };
    const { planned } = planResource(
      withTimeouts,
      prior,
      proposed,
      config({ name: "a", timeouts: { create: "5m" } }),
    );
    expect(planned.status).toBe("ok");
  });
});
