/** The framework engine on decoded values: validation, configure, apply dispatch, errors, timeouts, upgrade, import. */
import { DiagnosticError } from "../../../src/framework/diagnostics";
import type { DataSourceDefinition } from "../../../src/framework/data-source";
import type { ProviderDefinition } from "../../../src/framework/provider";
import { ProviderServer } from "../../../src/framework/provider-server";
import { PartialStateError, type ResourceDefinition } from "../../../src/framework/resource";
import { oneOf, matches } from "../../../src/framework/validators";
import { Decimal, isUnknown, UNKNOWN, type ObjectValue } from "../../../src/framework/values";

interface Client {
  calls: string[];
  store: Map<string, ObjectValue>;
}

function makeResource(overrides: Partial<ResourceDefinition<Client>> = {}): ResourceDefinition<Client> {
  return {
    typeName: "t_thing",
    timeouts: { create: "10m" },
    schema: {
      version: 2,
      block: {
        attributes: {
          id: { type: "string", computed: true, description: "" },
          name: {
            type: "string",
            required: true,
            description: "",
            validators: [matches(/^[a-z]+$/, "lower-case letters")],
          },
          mode: { type: "string", optional: true, description: "", validators: [oneOf(["a", "b"])] },
          old: { type: "string", optional: true, deprecated: true, description: "Use mode." },
          amount: { type: "number", optional: true, description: "" },
          token: { type: "string", optional: true, sensitive: true, description: "" },
        },
        blocks: {
          rule: {
            nesting: "list",
            maxItems: 1,
            block: {
              attributes: {
                port: { type: "number", required: true, description: "", validators: [oneOf([80, 443])] },
              },
            },
          },
        },
      },
    },
    async create({ planned, provider, ctx }) {
      provider.calls.push("create");
      ctx.private.set("etag", "v1");
      const state = { ...planned, id: `id-${String(planned.name)}` };
      provider.store.set(String(state.id), state);
      return state;
    },
    async read({ state, provider, ctx }) {
      provider.calls.push(`read:${String(ctx.private.get("etag"))}`);
      return provider.store.get(String(state.id)) ?? null;
    },
    async update({ prior, planned, provider, ctx }) {
      provider.calls.push(`update:${String(ctx.private.get("etag"))}`);
      ctx.private.set("etag", "v2");
      return { ...planned, id: prior.id ?? null };
    },
    async delete({ state, provider }) {
      provider.calls.push("delete");
      provider.store.delete(String(state.id));
    },
    async importState({ id, provider }) {
      const found = provider.store.get(id);
      if (!found) throw new DiagnosticError("Not found", `no ${id}`);
      return found;
    },
    upgradeState({ fromVersion, state }) {
      return { ...(state as ObjectValue), name: `v${fromVersion}` };
    },
    ...overrides,
  };
}

const echo: DataSourceDefinition<Client> = {
  typeName: "t_echo",
  schema: {
    version: 0,
    block: {
      attributes: {
        input: { type: "string", required: true, description: "" },
        out: { type: "string", computed: true, description: "" },
      },
    },
  },
  async read({ config }) {
    return { out: String(config.input).toUpperCase() };
  },
};

function makeProvider(
  resource = makeResource(),
  configure?: ProviderDefinition<Client>["configure"],
): ProviderDefinition<Client> {
  return {
    typeName: "t",
    version: "1.0.0",
    schema: {
      version: 0,
      block: { attributes: { endpoint: { type: "string", optional: true, description: "" } } },
    },
    configure: configure ?? (async () => ({ calls: [], store: new Map() })),
    resources: [resource],
    dataSources: [echo],
  };
}

const base: ObjectValue = {
  id: null,
  name: "abc",
  mode: null,
  old: null,
  amount: null,
  token: null,
  rule: [],
  timeouts: null,
};

async function configured(
  resource?: ResourceDefinition<Client>,
): Promise<{ server: ProviderServer<Client>; client: Client }> {
  let client: Client | undefined;
  const server = new ProviderServer(
    makeProvider(resource, async () => {
      client = { calls: [], store: new Map() };
      return client;
    }),
  );
  expect((await server.configure({ endpoint: null }, "1.11.4")).items).toEqual([]);
  return { server, client: client! };
}

async function create(server: ProviderServer<Client>, config: ObjectValue = base) {
  const plan = await server.planResourceChange("t_thing", { prior: null, proposed: config, config });
  expect(plan.diags.items).toEqual([]);
  return server.applyResourceChange("t_thing", {
    prior: null,
    planned: plan.planned,
    config,
    plannedPrivate: plan.plannedPrivate,
  });
}

describe("validation", () => {
  test("validators, required attributes, nested blocks and deprecations report precise paths", async () => {
    const server = new ProviderServer(makeProvider());
    const diags = await server.validateResourceConfig("t_thing", {
      ...base,
      name: null,
      mode: "c",
      old: "x",
      rule: [{ port: 8080 }, { port: 80 }],
    });
    const byPath = diags.items.map((d) => [d.severity, d.summary, JSON.stringify(d.path)]);
    expect(byPath).toEqual(
      expect.arrayContaining([
        ["error", "Missing required argument", '["name"]'],
        ["error", "Invalid value", '["mode"]'],
        ["warning", "Argument is deprecated", '["old"]'],
        ["error", "Too many blocks", '["rule"]'],
        ["error", "Invalid value", '["rule",0,"port"]'],
      ]),
    );
    expect(diags.items.find((d) => JSON.stringify(d.path) === '["mode"]')!.detail).toBe(
      '"c" is not allowed; expected one of `a`, `b`.',
    );
  });

  test("unknown values are skipped; the timeouts block is validated", async () => {
    const server = new ProviderServer(makeProvider());
    expect(
      (await server.validateResourceConfig("t_thing", { ...base, name: UNKNOWN, mode: UNKNOWN })).items,
    ).toEqual([]);
    const bad = await server.validateResourceConfig("t_thing", {
      ...base,
      timeouts: { create: "ten minutes" },
    });
    expect(bad.errors[0]).toMatchObject({ summary: "Invalid duration", path: ["timeouts", "create"] });
  });

  test("unknown type names are a diagnostic, not a crash", async () => {
    const server = new ProviderServer(makeProvider());
    expect((await server.validateResourceConfig("t_nope", {})).errors[0]!.summary).toBe(
      "Unknown resource type",
    );
  });
});

describe("configure", () => {
  test("an empty provider block configures with nulls; a failure is explained to every resource", async () => {
    let seen: ObjectValue | undefined;
    const ok = new ProviderServer(
      makeProvider(undefined, async ({ config }) => {
        seen = config;
        return { calls: [], store: new Map() };
      }),
    );
    await ok.configure({ endpoint: null }, "1.11.4");
    expect(seen).toEqual({ endpoint: null });

    const failing = new ProviderServer(
      makeProvider(undefined, async () => {
        throw new DiagnosticError("No endpoint", "set endpoint");
      }),
    );
    expect((await failing.configure({ endpoint: null }, "1.11.4")).errors[0]!.summary).toBe("No endpoint");
    const read = await failing.readResource("t_thing", { ...base, id: "x" }, undefined);
    expect(read.diags.errors[0]!.summary).toBe("The t provider is not configured");
    expect(read.diags.errors[0]!.detail).toContain("No endpoint");
    expect(read.state).toEqual({ ...base, id: "x" });
  });
});

describe("apply", () => {
  test("create, read, update, delete dispatch; private state round-trips", async () => {
    const { server, client } = await configured();
    const created = await create(server);
    expect(created.diags.items).toEqual([]);
    expect(created.state).toMatchObject({ id: "id-abc", name: "abc" });
    const read = await server.readResource("t_thing", created.state, created.private);
    expect(read.state).toEqual(created.state);

    const config = { ...base, mode: "a" };
    const plan = await server.planResourceChange("t_thing", {
      prior: read.state,
      proposed: { ...read.state!, mode: "a" },
      config,
      priorPrivate: read.private,
    });
    const updated = await server.applyResourceChange("t_thing", {
      prior: read.state,
      planned: plan.planned,
      config,
      plannedPrivate: plan.plannedPrivate,
    });
    expect(isUnknown(plan.planned!.id)).toBe(true); // computed, no useStateForUnknown
    expect(updated.diags.items).toEqual([]);
    expect(updated.state).toMatchObject({ mode: "a", id: "id-abc" });
    expect(new TextDecoder().decode(updated.private)).toBe('{"etag":"v2"}');

    const destroyPlan = await server.planResourceChange("t_thing", {
      prior: updated.state,
      proposed: null,
      config: null,
    });
    expect(destroyPlan.planned).toBeNull();
    const deleted = await server.applyResourceChange("t_thing", {
      prior: updated.state,
      planned: null,
      config: null,
    });
    expect(deleted.state).toBeNull();
    expect(client.calls).toEqual(["create", "read:v1", "update:v1", "delete"]);

    const gone = await server.readResource("t_thing", updated.state, undefined);
    expect(gone.state).toBeNull();
    expect(gone.diags.items).toEqual([]);
  });

  test("a handler that leaves an unknown or a wrong type gets a clear error, and the object is still saved", async () => {
    const { server } = await configured(
      makeResource({
        async create({ planned }) {
          return { ...planned, id: UNKNOWN, amount: "lots" };
        },
      }),
    );
    const res = await create(server);
    expect(res.state).toMatchObject({ id: null, amount: null, name: "abc" });
    const summaries = res.diags.errors.map((d) => d.summary);
    expect(summaries).toEqual([
      "Provider returned a value of the wrong type",
      "Provider returned an incomplete result",
    ]);
    expect(res.diags.errors[1]!.detail).toContain('"id"');
  });

  test("PartialStateError keeps the object; DiagnosticError and crashes become diagnostics", async () => {
    const partial = await configured(
      makeResource({
        async create({ planned }) {
          throw new PartialStateError(
            { ...planned, id: "half" },
            new DiagnosticError("Lease failed", "no bids"),
          );
        },
      }),
    );
    const p = await create(partial.server);
    expect(p.state).toMatchObject({ id: "half" });
    expect(p.diags.errors[0]).toMatchObject({ summary: "Lease failed", detail: "no bids" });

    const crash = await configured(
      makeResource({
        async create() {
          throw new TypeError("x is undefined");
        },
      }),
    );
    const c = await create(crash.server);
    expect(c.state).toBeNull();
    expect(c.diags.errors[0]!.summary).toBe("Internal error in the t provider");
    expect(c.diags.errors[0]!.detail).toContain("x is undefined");
    expect(c.diags.errors[0]!.detail).not.toMatch(/at .*:\d+/);

    const failedUpdate = await configured(
      makeResource({
        async update() {
          throw new DiagnosticError("Nope");
        },
      }),
    );
    const prior = { ...base, id: "id-abc" };
    const u = await failedUpdate.server.applyResourceChange("t_thing", {
      prior,
      planned: { ...prior, mode: "a" },
      config: base,
    });
    expect(u.state).toEqual(prior);
  });

  test("the timeouts block bounds an operation through ctx.signal, with an actionable message", async () => {
    const { server } = await configured(
      makeResource({
        async create({ ctx }) {
          expect(ctx.deadline).toBeGreaterThan(Date.now());
          await new Promise((_r, reject) =>
            ctx.signal.addEventListener("abort", () => reject(new Error("AbortError"))),
          );
          return {};
        },
      }),
    );
    const res = await create(server, { ...base, timeouts: { create: "50ms" } });
    expect(res.state).toBeNull();
    expect(res.diags.errors[0]!.summary).toBe("Timed out");
    expect(res.diags.errors[0]!.detail).toContain('timeouts { create = "..." }');
  });

  test("stop() aborts in-flight operations", async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const { server } = await configured(
      makeResource({
        async create({ ctx }) {
          started();
          await new Promise((_r, reject) =>
            ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)),
          );
          return {};
        },
      }),
    );
    const pending = create(server);
    await running;
    server.stop();
    const res = await pending;
    expect(res.diags.errors[0]!.summary).toBe("Operation cancelled");
  });
});

describe("state upgrade and import", () => {
  test("same-version JSON state is read exactly; older versions go through upgradeState; newer is refused", async () => {
    const server = new ProviderServer(makeProvider());
    const same = await server.upgradeResourceState("t_thing", 2, {
      json: '{"id":"x","name":"abc","amount":340282366920938463463374607431768211456,"dropped":"attr"}',
    });
    expect(same.diags.items).toEqual([]);
    expect(same.state).toMatchObject({
      id: "x",
      amount: new Decimal("340282366920938463463374607431768211456"),
      rule: null,
    });
    expect(same.state).not.toHaveProperty("dropped");

    const old = await server.upgradeResourceState("t_thing", 1, { json: '{"id":"x","name":"abc"}' });
    expect(old.state).toMatchObject({ id: "x", name: "v1" });

    const newer = await server.upgradeResourceState("t_thing", 3, { json: "{}" });
    expect(newer.diags.errors[0]!.summary).toBe("State from a newer provider");

    const flat = await server.upgradeResourceState("t_thing", 2, {
      flatmap: { id: "f", name: "abc", amount: "5", "rule.#": "1", "rule.0.port": "80" },
    });
    expect(flat.state).toMatchObject({ id: "f", amount: 5, rule: [{ port: 80 }] });
  });

  test("import returns the handler's object (no unknowns), errors are diagnostics", async () => {
    const { server, client } = await configured();
    client.store.set("id-x", { ...base, id: "id-x", name: "x" });
    const ok = await server.importResourceState("t_thing", "id-x");
    expect(ok.imported).toEqual([
      { typeName: "t_thing", state: { ...base, id: "id-x", name: "x" }, private: new Uint8Array(0) },
    ]);
    const missing = await server.importResourceState("t_thing", "nope");
    expect(missing.imported).toEqual([]);
    expect(missing.diags.errors[0]).toMatchObject({ summary: "Not found", detail: "no nope" });
  });
});

describe("data sources and plans", () => {
  test("data source results keep configured values and fill computed ones", async () => {
    const { server } = await configured();
    const res = await server.readDataSource("t_echo", { input: "hi", out: null });
    expect(res.state).toEqual({ input: "hi", out: "HI" });
  });

  test("modifyPlan sees unknown config on the first plan and can force replacement with a reason", async () => {
    const seen: unknown[] = [];
    const { server } = await configured(
      makeResource({
        modifyPlan({ config, planned, requireReplace, provider }) {
          seen.push(isUnknown(config.mode), provider !== undefined);
          if (planned.amount !== null) requireReplace(["amount"], "amounts are fixed at creation");
        },
      }),
    );
    const prior = { ...base, id: "id-abc" };
    const config = { ...base, mode: UNKNOWN, amount: 7 };
    const plan = await server.planResourceChange("t_thing", {
      prior,
      proposed: { ...prior, mode: UNKNOWN, amount: 7 },
      config,
    });
    expect(seen).toEqual([true, true]);
    expect(plan.requiresReplace).toEqual([["amount"]]);
    expect(plan.diags.warnings[0]!.detail).toContain("amounts are fixed at creation");
  });
});

describe("logging", () => {
  test("sensitive values never reach the log, even at trace level", async () => {
    const lines: string[] = [];
    const record = (msg: string, fields?: Record<string, unknown>) =>
      lines.push(`${msg} ${JSON.stringify(fields ?? {})}`);
    const log = { trace: record, debug: record, info: record, warn: record, error: record };
    const server = new ProviderServer(makeProvider(), log);
    await server.configure({ endpoint: null }, "1.11.4");
    const config = { ...base, token: "hunter2-secret" };
    const plan = await server.planResourceChange("t_thing", { prior: null, proposed: config, config });
    await server.applyResourceChange("t_thing", { prior: null, planned: plan.planned, config });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain("hunter2");
    expect(lines.join("\n")).toContain("(sensitive value)");
  });
});
