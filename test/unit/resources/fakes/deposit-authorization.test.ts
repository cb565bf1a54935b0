/** akash_deposit_authorization against fake ports: every validate diagnostic and every CRUD/import branch. */
import { ChainError } from "../../../../src/akash/ports/errors";
import { UNKNOWN, type ObjectValue } from "../../../../src/framework/values";
import { depositAuthorizationResource as authorization } from "../../../../src/resources/grants/deposit-authorization";
import { GRANTEE, OTHER, OWNER } from "../../../support/fake-ports/fake-accounts";
import { fakeWorld, operation } from "../../../support/fake-ports/fake-ports";
import {
  create,
  destroy,
  importState,
  read,
  summaries,
  update,
  validate,
} from "../../../support/fake-ports/resource-calls";

const planned = (extra: ObjectValue = {}): ObjectValue => ({
  grantee: GRANTEE,
  spend_limits: ["50000000uact"],
  scopes: ["deployment"],
  expiration: null,
  ...extra,
});

describe("validateConfig", () => {
  test("a plain grant passes; unknown values are left for later", async () => {
    expect(await validate(authorization, planned({ expiration: "2999-01-01T00:00:00Z" }))).toEqual([]);
    expect(
      await validate(authorization, { spend_limits: UNKNOWN, scopes: UNKNOWN, expiration: UNKNOWN }),
    ).toEqual([]);
    expect(await validate(authorization, planned({ spend_limits: [UNKNOWN], scopes: [UNKNOWN] }))).toEqual(
      [],
    );
  });

  test.each([
    [{ spend_limits: ["fifty"] }, "Invalid coin", ["spend_limits", 0]],
    [{ spend_limits: ["1uakt", "0uact"] }, "Invalid coin", ["spend_limits", 1]],
    [{ spend_limits: ["1uact", "2uact"] }, "Duplicate denom", ["spend_limits", 1]],
    [{ expiration: "tomorrow" }, "Invalid expiration", ["expiration"]],
    [{ expiration: "2001-01-01T00:00:00Z" }, "Expiration in the past", ["expiration"]],
    [{ scopes: ["deployment", "lease"] }, "Invalid value", ["scopes", 1]],
    [{ scopes: [] }, "No scopes", ["scopes"]],
  ])("%j → %s", async (config, summary, path) => {
    expect(summaries(await validate(authorization, planned(config)))).toEqual([
      { severity: "error", summary, path },
    ]);
  });
});

describe("create, read, update, delete", () => {
  test("create grants from the signing key and reads back what is left", async () => {
    const { ports, ledger } = fakeWorld();
    const state = await create(
      authorization,
      ports,
      planned({ scopes: ["bid", "deployment"], expiration: "2999-01-01T00:00:00.000+00:00" }),
    );
    expect(ledger.depositGrants).toEqual([
      expect.objectContaining({
        granter: OWNER,
        grantee: GRANTEE,
        spendLimits: [{ denom: "uact", amount: 50_000_000n }],
        scopes: ["deployment", "bid"],
      }),
    ]);
    expect(state).toMatchObject({
      id: `${OWNER}/${GRANTEE}`,
      granter: OWNER,
      remaining: ["50000000uact"],
      // The same instant keeps the user's spelling.
      expiration: "2999-01-01T00:00:00.000+00:00",
    });
  });

  test("no scopes planned means deployment", async () => {
    const { ports, ledger } = fakeWorld();
    await create(authorization, ports, planned({ scopes: null }));
    expect(ledger.depositGrants[0]!.scopes).toEqual(["deployment"]);
  });

  test("a grant to the signing key itself is refused before anything is sent", async () => {
    const { ports, chain } = fakeWorld();
    await expect(create(authorization, ports, planned({ grantee: OWNER }))).rejects.toMatchObject({
      summary: "Invalid deposit authorization",
      path: ["grantee"],
    });
    expect(chain.submitted).toEqual([]);
  });

  test("a refused grant is a clear diagnostic; a grant that cannot be read back says so", async () => {
    const { ports, chain, ledger } = fakeWorld();
    chain.failNext("grantDepositAuthorization", new ChainError("unauthorized", "The key may not sign this."));
    await expect(create(authorization, ports, planned())).rejects.toMatchObject({
      summary: "Not authorized",
    });
    chain.meanwhile("grantDepositAuthorization", () => (ledger.depositGrants = []));
    await expect(create(authorization, ports, planned())).rejects.toMatchObject({
      summary: "Deposit authorization not found after granting",
    });
  });

  test("read follows what is left, and drops a grant revoked or expired outside terraform", async () => {
    const { ports, ledger, clock } = fakeWorld();
    const state = await create(
      authorization,
      ports,
      planned({ expiration: new Date(clock.now() + 3_600_000).toISOString() }),
    );
    ledger.depositGrants[0]!.spendLimits[0]!.amount = 20_000_000n;
    expect(await read(authorization, ports, state)).toMatchObject({ remaining: ["20000000uact"] });
    clock.advance(2 * 3_600_000);
    const ctx = operation();
    expect(await read(authorization, ports, state, ctx)).toBeNull();
    expect(ctx.logs[0]?.msg).toBe("deposit authorization revoked, used up or expired outside terraform");
    await expect(read(authorization, ports, { granter: null, grantee: GRANTEE })).rejects.toMatchObject({
      summary: "Incomplete deposit authorization state",
    });
  });

  test("update grants again, which resets what is left to the new limits", async () => {
    const { ports, ledger, chain } = fakeWorld();
    const state = await create(authorization, ports, planned());
    ledger.depositGrants[0]!.spendLimits[0]!.amount = 1n;
    const next = await update(authorization, ports, state, planned({ spend_limits: ["90000000uact"] }));
    expect(next.remaining).toEqual(["90000000uact"]);
    expect(chain.sent("revokeDepositAuthorization")).toEqual([]); // MsgGrant replaces the grant
    expect(ledger.depositGrants).toHaveLength(1);
  });

  test("delete revokes; an already revoked grant is left alone, a lost race too", async () => {
    const { ports, ledger, chain } = fakeWorld();
    const state = await create(authorization, ports, planned());
    await destroy(authorization, ports, state);
    expect(ledger.depositGrants).toEqual([]);
    await destroy(authorization, ports, state);
    expect(chain.sent("revokeDepositAuthorization")).toHaveLength(1);
    const again = await create(authorization, ports, planned());
    chain.failNext(
      "revokeDepositAuthorization",
      new ChainError("grant-unavailable", "authorization not found"),
    );
    await expect(destroy(authorization, ports, again)).resolves.toBeUndefined();
    chain.failNext("revokeDepositAuthorization", new ChainError("timeout", "Not confirmed in time."));
    await expect(destroy(authorization, ports, again)).rejects.toMatchObject({
      summary: "Transaction not confirmed in time",
    });
  });

  test("delete with another key is refused, naming the granter", async () => {
    const { ports } = fakeWorld();
    const state = await create(authorization, ports, planned());
    const other = fakeWorld({ signer: OTHER });
    await expect(destroy(authorization, other.ports, state)).rejects.toMatchObject({
      summary: "Cannot manage this deposit authorization",
    });
  });
});

describe("import", () => {
  test("`<grantee>` and `<granter>/<grantee>` take what the chain holds as configured", async () => {
    const { ports, ledger } = fakeWorld();
    await create(authorization, ports, planned({ spend_limits: ["7uact", "5uakt"] }));
    const imported = await importState(authorization, ports, GRANTEE);
    expect(await importState(authorization, ports, `${OWNER}/${GRANTEE}`)).toEqual(imported);
    expect(imported).toMatchObject({
      id: `${OWNER}/${GRANTEE}`,
      granter: OWNER,
      grantee: GRANTEE,
      spend_limits: ["7uact", "5uakt"],
      remaining: ["7uact", "5uakt"],
      scopes: ["deployment"],
      expiration: null,
    });
    ledger.depositGrants[0]!.scopes = [];
    expect((await importState(authorization, ports, GRANTEE)).scopes).toBeNull();
  });

  test("a grant that is not on chain, and bad IDs, are refused", async () => {
    const { ports } = fakeWorld();
    await expect(importState(authorization, ports, GRANTEE)).rejects.toMatchObject({
      summary: "Deposit authorization not found",
    });
    await expect(importState(authorization, ports, "akash1bad")).rejects.toMatchObject({
      summary: "Invalid import ID",
    });
    await expect(importState(authorization, ports, `${OWNER}/${GRANTEE}/x`)).rejects.toMatchObject({
      summary: "Invalid import ID",
    });
  });
});
