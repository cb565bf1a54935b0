/** akash_fee_allowance against fake ports: every validate diagnostic and every CRUD/import branch. */
import { ChainError } from "../../../../src/akash/ports/errors";
import { UNKNOWN, type ObjectValue } from "../../../../src/framework/values";
import { feeAllowanceResource as allowance } from "../../../../src/resources/grants/fee-allowance";
import { GRANTEE, OTHER, OWNER } from "../../../support/fake-ports/fake-accounts";
import { fakeWorld } from "../../../support/fake-ports/fake-ports";
import {
  create,
  destroy,
  importState,
  read,
  summaries,
  update,
  validate,
} from "../../../support/fake-ports/resource-calls";

const basic = (extra: ObjectValue = {}): ObjectValue => ({
  grantee: GRANTEE,
  spend_limit: ["5000000uakt"],
  expiration: null,
  period: null,
  period_spend_limit: null,
  ...extra,
});
const periodic = (extra: ObjectValue = {}) =>
  basic({ period: "24h", period_spend_limit: ["1000000uakt"], ...extra });

describe("validateConfig", () => {
  test("basic and periodic allowances pass; unknown values are left for later", async () => {
    expect(await validate(allowance, basic())).toEqual([]);
    expect(await validate(allowance, periodic())).toEqual([]);
    expect(await validate(allowance, basic({ spend_limit: null }))).toEqual([]);
    expect(await validate(allowance, periodic({ spend_limit: null }))).toEqual([]);
    expect(await validate(allowance, { period: UNKNOWN, period_spend_limit: UNKNOWN })).toEqual([]);
  });

  test.each([
    [basic({ spend_limit: ["lots"] }), "Invalid coin", ["spend_limit", 0]],
    [periodic({ period_spend_limit: ["0uakt"] }), "Invalid coin", ["period_spend_limit", 0]],
    [basic({ expiration: "2001-01-01T00:00:00Z" }), "Expiration in the past", ["expiration"]],
    [basic({ expiration: "next year" }), "Invalid expiration", ["expiration"]],
    [periodic({ period: "daily" }), "Invalid period", ["period"]],
    [periodic({ period: "10ms" }), "Invalid period", ["period"]],
    [basic({ period: "24h" }), "Incomplete periodic allowance", ["period_spend_limit"]],
    [basic({ period_spend_limit: ["1uakt"] }), "Incomplete periodic allowance", ["period"]],
    [
      periodic({ period_spend_limit: ["9000000uakt"] }),
      "Period limit above the total limit",
      ["period_spend_limit"],
    ],
    [
      periodic({ period_spend_limit: ["1uact"] }),
      "Period limit above the total limit",
      ["period_spend_limit"],
    ],
  ])("%j → %s", async (config, summary, path) => {
    expect(summaries(await validate(allowance, config))).toEqual([{ severity: "error", summary, path }]);
  });
});

describe("create, read, update, delete", () => {
  test("a basic allowance is granted and read back", async () => {
    const { ports, ledger } = fakeWorld();
    const state = await create(allowance, ports, basic({ expiration: "2999-01-01T00:00:00Z" }));
    expect(ledger.feeAllowances).toEqual([
      expect.objectContaining({ granter: OWNER, grantee: GRANTEE, kind: "basic" }),
    ]);
    expect(state).toMatchObject({
      id: `${OWNER}/${GRANTEE}`,
      kind: "basic",
      remaining: ["5000000uakt"],
      expiration: "2999-01-01T00:00:00Z",
      period: null,
      period_remaining: null,
      period_reset: null,
    });
  });

  test("a periodic allowance keeps the user's spelling of the period and shows the current period", async () => {
    const { ports, ledger, clock } = fakeWorld();
    const state = await create(allowance, ports, periodic({ period: "1440m" }));
    expect(ledger.feeAllowances[0]!.period?.seconds).toBe(86_400);
    expect(state).toMatchObject({
      kind: "periodic",
      period: "1440m",
      period_remaining: ["1000000uakt"],
      period_reset: new Date(clock.now() + 86_400_000).toISOString(),
    });
    // Without a configured period (imported), the chain's is written back.
    expect(await read(allowance, ports, { ...state, period: null })).toMatchObject({ period: "24h" });
  });

  test("a live allowance for the pair is not overwritten: import it or revoke it", async () => {
    const { ports, chain } = fakeWorld();
    await create(allowance, ports, basic());
    await expect(create(allowance, ports, basic())).rejects.toMatchObject({
      summary: "Fee allowance already exists",
    });
    expect(chain.sent("grantFeeAllowance")).toHaveLength(1);
  });

  test("an expired allowance still occupying the pair is revoked before granting", async () => {
    const { ports, chain, clock } = fakeWorld();
    await create(allowance, ports, basic({ expiration: new Date(clock.now() + 1000).toISOString() }));
    clock.advance(5000);
    const state = await create(allowance, ports, basic());
    expect(chain.submitted.map((m) => m.kind)).toEqual([
      "grantFeeAllowance",
      "revokeFeeAllowance",
      "grantFeeAllowance",
    ]);
    expect(state.expiration).toBeNull();
  });

  test("the chain's refusal is reported clearly", async () => {
    const { ports, chain } = fakeWorld();
    chain.failNext(
      "grantFeeAllowance",
      new ChainError("insufficient-fee", "Fee below the minimum gas price."),
    );
    await expect(create(allowance, ports, basic())).rejects.toMatchObject({ summary: "Fee too low" });
  });

  test("read drops an allowance revoked outside terraform", async () => {
    const { ports, ledger } = fakeWorld();
    const state = await create(allowance, ports, basic());
    ledger.feeAllowances = [];
    expect(await read(allowance, ports, state)).toBeNull();
  });

  test("update revokes, then grants the new terms", async () => {
    const { ports, chain, ledger } = fakeWorld();
    const state = await create(allowance, ports, basic());
    const next = await update(allowance, ports, state, periodic({ spend_limit: ["8000000uakt"] }));
    expect(chain.submitted.map((m) => m.kind)).toEqual([
      "grantFeeAllowance",
      "revokeFeeAllowance",
      "grantFeeAllowance",
    ]);
    expect(next).toMatchObject({ kind: "periodic", remaining: ["8000000uakt"] });
    expect(ledger.feeAllowances).toHaveLength(1);
  });

  test("delete revokes; gone already, or gone in a race, is fine; other failures are reported", async () => {
    const { ports, chain } = fakeWorld();
    const state = await create(allowance, ports, basic());
    await destroy(allowance, ports, state);
    await destroy(allowance, ports, state);
    expect(chain.sent("revokeFeeAllowance")).toHaveLength(1);
    await create(allowance, ports, basic());
    chain.failNext("revokeFeeAllowance", new ChainError("fee-allowance-unavailable", "fee-grant not found"));
    await expect(destroy(allowance, ports, state)).resolves.toBeUndefined();
    chain.failNext("revokeFeeAllowance", new ChainError("unreachable", "No node answered."));
    await expect(destroy(allowance, ports, state)).rejects.toMatchObject({
      summary: "Akash node unreachable",
    });
  });

  test("delete with another key, or of a self-grant, is refused", async () => {
    const { ports } = fakeWorld();
    const state = await create(allowance, ports, basic());
    await expect(destroy(allowance, fakeWorld({ signer: OTHER }).ports, state)).rejects.toMatchObject({
      summary: "Cannot manage this fee allowance",
    });
    await expect(destroy(allowance, ports, { granter: null, grantee: GRANTEE })).rejects.toMatchObject({
      summary: "Incomplete fee allowance state",
    });
  });
});

describe("import", () => {
  test("a periodic allowance imports with its limits as configured", async () => {
    const { ports } = fakeWorld();
    await create(allowance, ports, periodic());
    expect(await importState(allowance, ports, `${OWNER}/${GRANTEE}`)).toMatchObject({
      granter: OWNER,
      grantee: GRANTEE,
      spend_limit: ["5000000uakt"],
      period: "24h",
      period_spend_limit: ["1000000uakt"],
      kind: "periodic",
    });
  });

  test("an unlimited basic allowance imports without limits", async () => {
    const { ports } = fakeWorld();
    await create(allowance, ports, basic({ spend_limit: null }));
    expect(await importState(allowance, ports, GRANTEE)).toMatchObject({
      spend_limit: null,
      period_spend_limit: null,
      remaining: [],
    });
  });

  test("missing allowances and bad IDs are refused", async () => {
    const { ports } = fakeWorld();
    await expect(importState(allowance, ports, GRANTEE)).rejects.toMatchObject({
      summary: "Fee allowance not found",
    });
    await expect(importState(allowance, ports, "granter/grantee")).rejects.toMatchObject({
      summary: "Invalid import ID",
    });
  });
});
