/**
 * akash_deployment against fake ports: every validate/plan diagnostic, funding (balance, ACT mints, deposit
 * grants), crash recovery (journal and chain adoption), unknown transaction outcomes, read/update/delete/import.
 */
import { explicitKeyHash, stackHash } from "../../../../src/akash/ports/deployment-identity";
import { ChainError } from "../../../../src/akash/ports/errors";
import { formatDuration } from "../../../../src/domain/escrow-runway";
import { PartialStateError } from "../../../../src/framework/resource";
import { isUnknown, UNKNOWN, type ObjectValue } from "../../../../src/framework/values";
import { deploymentResource as deployment } from "../../../../src/resources/deployment/deployment-resource";
import { compileSdl } from "../../../../src/sdl";
import { OTHER, OWNER, PROVIDER_A } from "../../../support/fake-ports/fake-accounts";
import { fakeWorld, operation, type FakeWorld } from "../../../support/fake-ports/fake-ports";
import {
  create,
  destroy,
  importState,
  plan,
  read,
  summaries,
  update,
  validate,
} from "../../../support/fake-ports/resource-calls";
import { webSdl } from "../../../support/web-sdl";

const SDL = webSdl();
const reclaimingSdl = (window: string) =>
  SDL.replace('version: "2.0"\n', `version: "2.1"\nreclamation:\n  min_window: "${window}"\n`);

const config = (extra: ObjectValue = {}): ObjectValue => ({
  sdl: SDL,
  deposit: "5000000uact",
  deposit_source: "balance",
  deposit_granter: null,
  mint_act: null,
  mint_act_max_burn: null,
  create_key: null,
  ...extra,
});

/** A world whose signing key holds `uact` ACT (and 100 AKT for mints). */
function funded(uact = 10_000_000n, options: Parameters<typeof fakeWorld>[0] = {}): FakeWorld {
  const world = fakeWorld(options);
  world.ledger.fund(
    world.signer || OWNER,
    { denom: "uact", amount: uact },
    { denom: "uakt", amount: 100_000_000n },
  );
  return world;
}

/** No uact of its own: OTHER (holding 50 ACT) grants OWNER up to 9 ACT for deployments. */
function grantFunded(): FakeWorld {
  const world = funded(0n);
  world.ledger.fund(OTHER, { denom: "uact", amount: 50_000_000n });
  world.ledger.depositGrants = [
    {
      granter: OTHER,
      grantee: OWNER,
      scopes: ["deployment"],
      spendLimits: [{ denom: "uact", amount: 9_000_000n }],
    },
  ];
  return world;
}

/** What terraform does: plan the create, then apply the plan (unknown values arrive as null). */
async function planAndCreate(world: FakeWorld, values: ObjectValue): Promise<ObjectValue> {
  const { planned } = await plan(deployment, { prior: null, config: values, ports: world.ports });
  return create(deployment, world.ports, planned);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("validateConfig", () => {
  test("a uact deployment passes; unknown values are left for later", async () => {
    expect(await validate(deployment, config())).toEqual([]);
    expect(await validate(deployment, config({ sdl: UNKNOWN, deposit: UNKNOWN }))).toEqual([]);
    expect(await validate(deployment, config({ deposit: null }))).toEqual([]); // the default deposit
    expect(
      await validate(deployment, config({ mint_act: "10000000uact", mint_act_max_burn: "5000000uakt" })),
    ).toEqual([]);
  });

  test.each([
    [{ mint_act: "lots" }, "Invalid mint_act", ["mint_act"]],
    [{ mint_act: "0uakt" }, "Invalid mint_act", ["mint_act"]],
    [{ mint_act: "5uatom" }, "Invalid mint_act", ["mint_act"]],
    [{ mint_act_max_burn: "5uact" }, "Invalid mint_act_max_burn", ["mint_act_max_burn"]],
    [{ mint_act_max_burn: "-1uakt" }, "Invalid mint_act_max_burn", ["mint_act_max_burn"]],
    [{ deposit_granter: OTHER }, "deposit_granter without a grant", ["deposit_granter"]],
    [{ deposit: "five" }, "Invalid deposit", ["deposit"]],
    [{ deposit: "0uact" }, "Invalid deposit", ["deposit"]],
    [{ deposit: "5000000uakt" }, "Deposit denom does not match the SDL pricing", ["deposit"]],
    [{ sdl: webSdl({ denom: "uakt" }) }, "Deployments must be priced in uact", ["sdl"]],
    [{ sdl: SDL.replace("port: 80\n", "port: 0\n") }, "Invalid SDL", ["sdl"]],
  ])("%j → %s", async (extra, summary, path) => {
    expect(summaries(await validate(deployment, config(extra)))).toEqual([
      { severity: "error", summary, path },
    ]);
  });
});

describe("modifyPlan", () => {
  test("a new deployment's SDL attributes are computed at plan time; an unknown SDL leaves them unknown", async () => {
    const { ports } = funded();
    const compiled = compileSdl(SDL);
    const { planned, diags, replace } = await plan(deployment, { prior: null, config: config(), ports });
    expect(planned).toMatchObject({ hash: compiled.hashHex, groups: ["dc"], services: ["web"] });
    expect(diags).toEqual([]);
    expect(replace).toEqual([]);
    const later = await plan(deployment, { prior: null, config: config({ sdl: UNKNOWN }), ports });
    expect(later.planned.hash).toBeUndefined();
  });

  test("funding defaults come from the provider block, or stay unknown until it is configured", async () => {
    const granted = fakeWorld({ facts: { depositGranter: OTHER } });
    const grant = await plan(deployment, {
      prior: null,
      config: config({ deposit_source: null, sdl: UNKNOWN }),
      ports: granted.ports,
    });
    expect(grant.planned).toMatchObject({ deposit_source: "grant", deposit_granter: OTHER });
    const own = await plan(deployment, {
      prior: null,
      config: config({ deposit_source: null, sdl: UNKNOWN }),
      ports: fakeWorld().ports,
    });
    expect(own.planned).toMatchObject({ deposit_source: "balance", deposit_granter: null });
    const unconfigured = await plan(deployment, {
      prior: null,
      config: config({ deposit_source: null, sdl: UNKNOWN }),
    });
    expect(isUnknown(unconfigured.planned.deposit_source)).toBe(true);
    expect(isUnknown(unconfigured.planned.deposit_granter)).toBe(true);
  });

  test("deposits the chain would refuse are errors at plan time; an unreachable node is asked at apply", async () => {
    const { ports, ledger, chain } = funded();
    ledger.deploymentParams = { minDeposits: [{ denom: "uact", amount: 6_000_000n }] };
    expect(summaries((await plan(deployment, { prior: null, config: config(), ports })).diags)).toEqual([
      { severity: "error", summary: "Deposit below the chain's minimum", path: ["deposit"] },
    ]);
    ledger.deploymentParams = { minDeposits: [{ denom: "uakt", amount: 1n }] };
    expect(
      summaries((await plan(deployment, { prior: null, config: config(), ports })).diags),
    ).toContainEqual({
      severity: "error",
      summary: "Deposit in a denom the chain does not take",
      path: ["deposit"],
    });
    chain.failNext("deploymentParams", new ChainError("unreachable", "No node answered."));
    ledger.deploymentParams = { minDeposits: [{ denom: "uact", amount: 1n }] };
    expect((await plan(deployment, { prior: null, config: config(), ports })).diags).toEqual([]);
  });

  test("a reclamation window outside the market's bounds is an error at plan time", async () => {
    const { ports, chain } = funded();
    const ok = await plan(deployment, { prior: null, config: config({ sdl: reclaimingSdl("24h") }), ports });
    expect(ok.diags).toEqual([]);
    const tooLong = await plan(deployment, {
      prior: null,
      config: config({ sdl: reclaimingSdl("10000h") }),
      ports,
    });
    expect(summaries(tooLong.diags)).toEqual([
      { severity: "error", summary: "Reclamation window outside the chain's bounds", path: ["sdl"] },
    ]);
    chain.failNext("marketParams", new ChainError("unreachable", "No node answered."));
    const unasked = await plan(deployment, {
      prior: null,
      config: config({ sdl: reclaimingSdl("10000h") }),
      ports,
    });
    expect(unasked.diags).toEqual([]);
  });

  test.each([
    ["no ACT and no mint", 0n, {}, "Not enough ACT for the deposit", ["deposit"]],
    ["a uakt mint", 0n, { mint_act: "5000000uakt" }, "ACT will be minted", ["mint_act"]],
    ["a quoted uact mint", 0n, { mint_act: "12000000uact" }, "ACT will be minted", ["mint_act"]],
    [
      "a quoted mint too small",
      0n,
      { mint_act: "1000000uact" },
      "mint_act does not cover the deposit",
      ["deposit"],
    ],
    [
      "a quoted mint the price moved beyond",
      0n,
      { mint_act: "12000000uact", mint_act_max_burn: "1uakt" },
      "AKT price moved beyond the planned bound",
      ["deposit"],
    ],
    [
      "a grant without granter",
      0n,
      { deposit_source: "grant" },
      "No granter for a grant-funded deposit",
      ["deposit"],
    ],
    [
      "a missing grant",
      0n,
      { deposit_source: "grant", deposit_granter: OTHER },
      "Deposit authorization missing",
      ["deposit"],
    ],
  ])("funding warning: %s", async (_name, uact, extra, summary, path) => {
    const { ports } = funded(uact);
    const { diags } = await plan(deployment, { prior: null, config: config(extra), ports });
    expect(summaries(diags)).toEqual([{ severity: "warning", summary, path }]);
  });

  test("mint warnings say how the burn is bounded", async () => {
    const { ports, ledger } = funded(0n);
    const unbounded = await plan(deployment, {
      prior: null,
      config: config({ mint_act: "12000000uact" }),
      ports,
    });
    expect(unbounded.diags[0]?.detail).toContain('set mint_act_max_burn (e.g. "4080000uakt"');
    const bounded = await plan(deployment, {
      prior: null,
      config: config({ mint_act: "12000000uact", mint_act_max_burn: "5000000uakt" }),
      ports,
    });
    expect(bounded.diags[0]?.detail).toContain("burns at most 5000000uakt (mint_act_max_burn)");
    ledger.minMint = { denom: "uact", amount: 20_000_000n };
    const belowMinimum = await plan(deployment, {
      prior: null,
      config: config({ mint_act: "12000000uact" }),
      ports,
    });
    expect(summaries(belowMinimum.diags)).toEqual([
      { severity: "warning", summary: "mint_act below the chain's minimum mint", path: ["deposit"] },
    ]);
  });

  test("grant warnings: out of scope and exhausted; a ready grant says nothing", async () => {
    const { ports, ledger } = funded(0n);
    const grant = (scopes: ("deployment" | "bid")[], amount: bigint) => {
      ledger.depositGrants = [
        { granter: OTHER, grantee: OWNER, scopes, spendLimits: [{ denom: "uact", amount }] },
      ];
    };
    const warn = async () =>
      summaries(
        (
          await plan(deployment, {
            prior: null,
            config: config({ deposit_source: "grant", deposit_granter: OTHER }),
            ports,
          })
        ).diags,
      ).map((d) => d.summary);
    grant(["bid"], 10_000_000n);
    expect(await warn()).toEqual(["Deposit authorization does not cover deployments"]);
    grant(["deployment"], 1n);
    expect(await warn()).toEqual(["Deposit authorization exhausted"]);
    grant(["deployment"], 10_000_000n);
    expect(await warn()).toEqual([]);
  });

  test("funding is not judged without a key, or when the node cannot be asked", async () => {
    const readOnly = fakeWorld({ signer: null });
    expect((await plan(deployment, { prior: null, config: config(), ports: readOnly.ports })).diags).toEqual(
      [],
    );
    const { ports, chain } = funded(0n);
    chain.failNext("balances", new ChainError("unreachable", "No node answered."));
    expect((await plan(deployment, { prior: null, config: config(), ports })).diags).toEqual([]);
  });

  describe("changes to an existing deployment", () => {
    async function existing() {
      const world = funded();
      const state = await planAndCreate(world, config());
      return { world, state };
    }

    test("nothing changed: the escrow values stay as refreshed", async () => {
      const { world, state } = await existing();
      const { planned, replace } = await plan(deployment, {
        prior: state,
        config: config(),
        ports: world.ports,
      });
      expect(replace).toEqual([]);
      expect(planned).toMatchObject({ state: "active", balance: state.balance, runway: state.runway });
    });

    test("a group change replaces the deployment and says why", async () => {
      const { world, state } = await existing();
      const { replace } = await plan(deployment, {
        prior: state,
        config: config({ sdl: webSdl({ cpu: "1" }) }),
        ports: world.ports,
      });
      expect(replace).toEqual([{ path: ["sdl"], reason: expect.stringContaining("groups changed") }]);
    });

    test("a manifest change or a raised deposit leaves the refreshed values unknown", async () => {
      const { world, state } = await existing();
      const image = await plan(deployment, {
        prior: state,
        config: config({ sdl: webSdl({ image: "nginx:1.28" }) }),
        ports: world.ports,
      });
      expect(isUnknown(image.planned.balance)).toBe(true);
      expect(image.planned.deposit_draws).toEqual(state.deposit_draws);
      const raised = await plan(deployment, {
        prior: state,
        config: config({ deposit: "6000000uact" }),
        ports: world.ports,
      });
      expect(isUnknown(raised.planned.deposit_draws)).toBe(true);
      const unknown = await plan(deployment, {
        prior: state,
        config: config({ deposit: UNKNOWN }),
        ports: world.ports,
      });
      expect(isUnknown(unknown.planned.runway)).toBe(true);
    });

    test("an imported deployment (no group specs in state yet) is not replaced", async () => {
      const { world, state } = await existing();
      const { replace, planned } = await plan(deployment, {
        prior: { ...state, group_specs_json: null },
        config: config(),
        ports: world.ports,
      });
      expect(replace).toEqual([]);
      expect(planned.group_specs_json).toBe(JSON.stringify(compileSdl(SDL).groupSpecsGoJson));
    });
  });
});

describe("create", () => {
  test("funded from the balance: journaled, created, read back with its escrow", async () => {
    const { ports, chain, ledger, journal } = funded();
    const state = await create(deployment, ports, config());
    const [message] = chain.sent("createDeployment");
    expect(message).toMatchObject({
      owner: OWNER,
      deposit: { denom: "uact", amount: 5_000_000n },
      sources: ["balance"],
    });
    expect(journal.lookup(OWNER, message!.dseq)?.writerAlive).toBe(true);
    expect(ledger.balanceOf(OWNER, "uact")).toBe(5_000_000n);
    expect(state).toMatchObject({
      id: `${OWNER}/${message!.dseq}`,
      dseq: message!.dseq.toString(),
      state: "active",
      hash: compileSdl(SDL).hashHex,
      group_states: ["open"],
      balance: "5000000uact",
      runway: "no active lease",
      deposit_draws: [{ source: "balance", account: OWNER, amount: "5000000uact" }],
    });
  });

  test("too little ACT and no mint allowed: nothing is sent", async () => {
    const { ports, chain } = funded(1n);
    await expect(create(deployment, ports, config())).rejects.toMatchObject({
      summary: "Not enough ACT for the deposit",
      path: ["deposit"],
    });
    expect(chain.submitted).toEqual([]);
  });

  test("ACT is minted first when allowed, waiting for the epoch on the fake clock", async () => {
    const { ports, chain, clock } = funded(0n);
    const state = await create(deployment, ports, config({ mint_act: "5000000uakt" }));
    expect(chain.submitted.map((m) => m.kind)).toEqual(["mintAct", "createDeployment"]);
    expect(clock.sleeps).toBeGreaterThan(0);
    expect(state.balance).toBe("5000000uact");
  });

  test("a quoted mint burns what the oracle price needs", async () => {
    const { ports, chain } = funded(0n);
    await create(deployment, ports, config({ mint_act: "12000000uact", mint_act_max_burn: "5000000uakt" }));
    expect(chain.sent("mintAct")[0]?.amount).toEqual({ denom: "uakt", amount: 4_000_000n });
  });

  test.each([
    [
      "minting halted",
      (w: FakeWorld) => (w.ledger.bme = { ...w.ledger.bme, mintsAllowed: false, status: "halt" }),
      "ACT minting is halted",
    ],
    [
      "too little AKT",
      (w: FakeWorld) => w.ledger.balances.get(OWNER)?.set("uakt", 1n),
      "Not enough AKT to mint ACT",
    ],
    [
      "a mint the chain cancels",
      (w: FakeWorld) => (w.ledger.minMint = { denom: "uact", amount: 10n ** 12n }),
      "ACT mint was cancelled",
    ],
    [
      "a mint that never executes",
      (w: FakeWorld) => (w.ledger.mintsExecute = false),
      "ACT mint not executed in time",
    ],
    [
      "a mint too small",
      (w: FakeWorld) => {
        w.ledger.actPerAkt = 1n;
        w.ledger.minMint = { denom: "uact", amount: 1n };
      },
      "Minted ACT does not cover the deposit",
    ],
  ])("mint failure: %s", async (_name, arrange, summary) => {
    const world = funded(0n);
    arrange(world);
    await expect(create(deployment, world.ports, config({ mint_act: "4000000uakt" }))).rejects.toMatchObject({
      summary,
    });
    expect(world.chain.sent("createDeployment")).toEqual([]);
  });

  test("a concurrent create that minted meanwhile is not minted for again", async () => {
    const world = funded(0n);
    world.chain.meanwhile("mintAct", () => undefined);
    world.chain.failNext("balances", new ChainError("unreachable", "flaky"));
    await expect(create(deployment, world.ports, config({ mint_act: "4000000uakt" }))).rejects.toMatchObject({
      summary: "Akash node unreachable",
    });
    world.ledger.fund(OWNER, { denom: "uact", amount: 5_000_000n });
    await create(deployment, world.ports, config({ mint_act: "4000000uakt" }));
    expect(world.chain.sent("mintAct")).toEqual([]);
  });

  test("a quoted mint refused at apply because the price moved points at mint_act", async () => {
    const { ports } = funded(0n);
    await expect(
      create(deployment, ports, config({ mint_act: "12000000uact", mint_act_max_burn: "1000uakt" })),
    ).rejects.toMatchObject({ summary: "AKT price moved beyond the planned bound", path: ["mint_act"] });
  });

  test("funded from a deposit grant: the draws name the granter", async () => {
    const { ports, ledger } = grantFunded();
    const state = await create(
      deployment,
      ports,
      config({ deposit_source: "grant", deposit_granter: OTHER }),
    );
    expect(state.deposit_draws).toEqual([{ source: "grant", account: OTHER, amount: "5000000uact" }]);
    expect(ledger.depositGrants[0]!.spendLimits[0]!.amount).toBe(4_000_000n);
  });

  test("a missing grant is refused before anything is sent", async () => {
    const { ports, chain } = funded(0n);
    await expect(
      create(deployment, ports, config({ deposit_source: "grant", deposit_granter: OTHER })),
    ).rejects.toMatchObject({ summary: "Deposit authorization missing", path: ["deposit"] });
    expect(chain.submitted).toEqual([]);
  });

  test("a refused create is a clear diagnostic and its journal entry is forgotten", async () => {
    const { ports, chain, journal } = funded();
    chain.failNext(
      "createDeployment",
      new ChainError("deposit-too-low", "The deposit is below the minimum."),
    );
    await expect(create(deployment, ports, config())).rejects.toMatchObject({ summary: "Deposit too low" });
    expect(journal.entries(OWNER)).toEqual([]);
  });

  test("a journal that cannot be written stops the create before broadcasting", async () => {
    const { ports, chain, journal } = funded();
    journal.failRecording = true;
    await expect(create(deployment, ports, config())).rejects.toMatchObject({
      summary: "Cannot write the create journal",
    });
    expect(chain.submitted).toEqual([]);
  });

  test("an unknown outcome that did not land keeps the dseq (tainted) and the journal entry", async () => {
    const { ports, chain, journal } = funded();
    chain.failNext("createDeployment", new ChainError("timeout", "Not seen in a block in time."));
    const error = await failure(create(deployment, ports, config()));
    expect(error).toBeInstanceOf(PartialStateError);
    const state = (error as PartialStateError).state;
    expect(state).toMatchObject({ owner: OWNER, state: "active", balance: null });
    expect(journal.lookup(OWNER, String(state.dseq))?.unresolved).toBe(true);
  });

  test("an unknown outcome that landed is tainted state, the journal entry stays resolved", async () => {
    const { ports, chain, journal, ledger } = funded();
    chain.failNext("createDeployment", new Error("socket hang up"), { afterApplying: true });
    const error = await failure(create(deployment, ports, config()));
    expect(error).toBeInstanceOf(PartialStateError);
    const dseq = String((error as PartialStateError).state.dseq);
    expect(ledger.deployment(OWNER, BigInt(dseq))?.state).toBe("active");
    expect(journal.lookup(OWNER, dseq)?.unresolved).toBe(false);
  });

  test("'already exists' for our own create (a lost answer) adopts it; for another one it is tainted", async () => {
    const { ports, chain } = funded(20_000_000n);
    chain.failNext("createDeployment", new ChainError("already-exists", "Deployment exists"), {
      afterApplying: true,
    });
    const adopted = await create(deployment, ports, config());
    expect(adopted).toMatchObject({ state: "active", balance: "5000000uact" });
    const other = funded(20_000_000n);
    const next = other.ports.dseqs.next();
    other.ledger.apply(
      {
        kind: "createDeployment",
        owner: OWNER,
        dseq: next + 1n,
        groups: compileSdl(SDL).groupSpecsGoJson,
        hash: new Uint8Array(32),
        deposit: { denom: "uact", amount: 5_000_000n },
      },
      OWNER,
    );
    const error = await failure(create(deployment, other.ports, config()));
    expect(error).toBeInstanceOf(PartialStateError);
    expect((error as PartialStateError).cause).toMatchObject({ summary: "Already exists on chain" });
  });

  test("a read-back failure after the create keeps the deployment as tainted state", async () => {
    const { ports, chain } = funded();
    chain.failNext("leases", new ChainError("unreachable", "No node answered."));
    const error = await failure(create(deployment, ports, config()));
    expect(error).toBeInstanceOf(PartialStateError);
    expect(chain.sent("createDeployment")).toHaveLength(1);
  });

  describe("crash recovery", () => {
    test("a deployment an interrupted run journaled and created is adopted, not paid for again", async () => {
      const { ports, chain, ledger, journal } = funded(20_000_000n);
      const compiled = compileSdl(SDL);
      const dseq = 77n;
      ledger.apply(
        {
          kind: "createDeployment",
          owner: OWNER,
          dseq,
          groups: compiled.groupSpecsGoJson,
          hash: compiled.hash,
          deposit: { denom: "uact", amount: 5_000_000n },
        },
        OWNER,
      );
      journal.leaveAbandoned({
        owner: OWNER,
        dseq,
        hash: compiled.hashHex,
        chainId: ledger.chainId,
        height: 1n,
      });
      const ctx = operation();
      const state = await create(deployment, ports, config(), ctx);
      expect(state.dseq).toBe("77");
      expect(chain.sent("createDeployment")).toEqual([]);
      expect(ctx.logs.map((l) => l.msg)).toContain(
        "adopting a deployment created by an interrupted terraform run",
      );
      expect(state.deposit_draws).toEqual([{ source: "balance", account: OWNER, amount: "5000000uact" }]);
    });

    test("stale entries are cleared: never landed, closed since, or still pending until given up", async () => {
      const { ports, ledger, journal, chain } = funded(20_000_000n);
      const compiled = compileSdl(SDL);
      ledger.apply(
        {
          kind: "createDeployment",
          owner: OWNER,
          dseq: 5n,
          groups: compiled.groupSpecsGoJson,
          hash: compiled.hash,
          deposit: { denom: "uact", amount: 5_000_000n },
        },
        OWNER,
      );
      ledger.closeOutside(OWNER, 5n);
      const entry = { owner: OWNER, hash: compiled.hashHex, chainId: ledger.chainId };
      journal.leaveAbandoned({ ...entry, dseq: 4n, height: 1n }); // never landed, long ago
      journal.leaveAbandoned({ ...entry, dseq: 5n, height: 1n }); // closed since
      journal.leaveAbandoned({ ...entry, dseq: 6n, height: ledger.height }); // maybe still in a mempool
      await create(deployment, ports, config());
      expect(journal.entries(OWNER).map((e) => e.dseq)).toEqual([
        String(chain.sent("createDeployment")[0]!.dseq),
      ]);
    });

    test("an interruption while waiting for a pending entry ends the wait", async () => {
      const { ports, ledger, journal, clock, chain } = funded(20_000_000n);
      const compiled = compileSdl(SDL);
      journal.leaveAbandoned({
        owner: OWNER,
        dseq: 6n,
        hash: compiled.hashHex,
        chainId: ledger.chainId,
        height: ledger.height,
      });
      const ctx = operation();
      clock.onSleep(() => ctx.abort(new Error("interrupted")));
      const error = await failure(create(deployment, ports, config(), ctx));
      expect(clock.sleeps).toBe(1);
      expect(error).toBeInstanceOf(PartialStateError);
      expect((error as PartialStateError).cause).toMatchObject({ code: "aborted" });
      expect(chain.submitted).toEqual([]);
    });

    /** A deployment some earlier provider process created with this stack's identity and `createKey`. */
    function createdElsewhere(world: FakeWorld, createKey: string, dseq: bigint): void {
      const compiled = compileSdl(SDL);
      world.ledger.fund(OWNER, { denom: "uact", amount: 5_000_000n });
      world.ledger.apply(
        {
          kind: "createDeployment",
          owner: OWNER,
          dseq,
          groups: compiled.groupSpecsGoJson,
          hash: compiled.hash,
          deposit: { denom: "uact", amount: 5_000_000n },
          identity: { stack: stackHash(OWNER, undefined), key: explicitKeyHash(createKey) },
        },
        OWNER,
      );
    }

    test("with a create_key, a deployment of the same stack and key found on chain is adopted", async () => {
      const world = funded(0n);
      createdElsewhere(world, "app/web", 9_000_001n);
      const other = await failure(create(deployment, world.ports, config({ create_key: "app/api" })));
      expect(other).toMatchObject({ summary: "Not enough ACT for the deposit" }); // another key: a new one is needed
      const adopted = await create(deployment, world.ports, config({ create_key: "app/web" }));
      expect(adopted.dseq).toBe("9000001");
      // Adopted once: a second instance with the same key does not take it over too.
      await expect(create(deployment, world.ports, config({ create_key: "app/web" }))).rejects.toMatchObject({
        summary: "Not enough ACT for the deposit",
      });
      expect(world.chain.sent("createDeployment")).toEqual([]);
    });

    test("a node without a tx index cannot say who created what: a new deployment is created", async () => {
      const world = funded();
      createdElsewhere(world, "k", 9_000_002n);
      world.chain.indexesTxs = false;
      const ctx = operation();
      const state = await create(deployment, world.ports, config({ create_key: "k" }), ctx);
      expect(ctx.logs.map((l) => l.msg)).toContain(
        "cannot look for deployments of interrupted runs on chain",
      );
      expect(state.dseq).not.toBe("9000002");
      expect(world.chain.sent("createDeployment")).toHaveLength(1);
    });
  });
});

describe("read", () => {
  test("an active deployment is refreshed; with a lease the runway is counted in blocks", async () => {
    const { ports, ledger } = funded();
    const state = await create(deployment, ports, config());
    const dseq = BigInt(String(state.dseq));
    ledger.addProvider(PROVIDER_A);
    const bid = ledger.addBid({ owner: OWNER, dseq, gseq: 1 }, PROVIDER_A, { price: "100" });
    ledger.apply({ kind: "createLease", bid: bid.id }, OWNER);
    const next = await read(deployment, ports, state);
    // 100 uact per block since the escrow was last settled (lazy settlement).
    const settledAt = ledger.deployment(OWNER, dseq)!.escrow!.settledAt;
    const left = 5_000_000n - 100n * (ledger.height - settledAt);
    expect(next).toMatchObject({
      state: "active",
      balance: `${left}uact`,
      runway: formatDuration(Number(left / 100n) * 6),
    });
  });

  test("gone or closed on chain: removed from state", async () => {
    const { ports, ledger } = funded();
    const state = await create(deployment, ports, config());
    expect(await read(deployment, ports, { ...state, dseq: "999999" })).toBeNull();
    ledger.closeOutside(OWNER, BigInt(String(state.dseq)));
    expect(await read(deployment, ports, state)).toBeNull();
  });

  test("an imported deployment learns its funding, deposit, draws and groups from the chain", async () => {
    const { ports } = grantFunded();
    const created = await create(
      deployment,
      ports,
      config({ deposit_source: "grant", deposit_granter: OTHER }),
    );
    const imported = await importState(deployment, ports, String(created.dseq));
    expect(await read(deployment, ports, imported)).toMatchObject({
      deposit_source: "grant",
      deposit_granter: OTHER,
      deposit: "5000000uact",
      deposit_draws: [{ source: "grant", account: OTHER, amount: "5000000uact" }],
      groups: ["dc"],
      group_specs_json: JSON.stringify(compileSdl(SDL).groupSpecsGoJson),
    });
  });

  test("a deployment without deposits reads as balance-funded; state without identity fails clearly", async () => {
    const { ports, ledger } = funded();
    const state = await create(deployment, ports, config());
    ledger.deployment(OWNER, BigInt(String(state.dseq)))!.escrow!.deposits = [];
    expect(await read(deployment, ports, { ...state, deposit_source: null })).toMatchObject({
      deposit_source: "balance",
      deposit_granter: null,
    });
    await expect(read(deployment, ports, { ...state, owner: null })).rejects.toMatchObject({
      summary: "Incomplete deployment state",
    });
  });

  test("read resolves an interrupted run's journal entry for a tracked deployment", async () => {
    const { ports, journal, ledger } = funded();
    const state = await create(deployment, ports, config());
    const dseq = BigInt(String(state.dseq));
    journal.leaveAbandoned({ owner: OWNER, dseq, hash: "x", chainId: ledger.chainId, height: 1n });
    await read(deployment, ports, state);
    expect(journal.lookup(OWNER, dseq)).toBeUndefined();
  });
});

describe("update", () => {
  test("a manifest change sends MsgUpdateDeployment; a raised deposit tops the escrow up", async () => {
    const { ports, chain } = funded(20_000_000n);
    const state = await create(deployment, ports, config());
    const nextSdl = webSdl({ image: "nginx:1.28" });
    const next = await update(deployment, ports, state, {
      ...config({ sdl: nextSdl, deposit: "7000000uact" }),
      state: null,
      balance: null,
      runway: null,
      group_states: null,
    });
    expect(chain.sent("updateDeployment")[0]?.hash).toEqual(compileSdl(nextSdl).hash);
    expect(chain.sent("accountDeposit")[0]?.amount).toEqual({ denom: "uact", amount: 2_000_000n });
    expect(next).toMatchObject({
      hash: compileSdl(nextSdl).hashHex,
      balance: "7000000uact",
      deposit_draws: [
        { source: "balance", account: OWNER, amount: "5000000uact" },
        { source: "balance", account: OWNER, amount: "2000000uact" },
      ],
    });
  });

  test("values the plan promised are returned as planned; nothing unchanged is sent", async () => {
    const { ports, chain } = funded();
    const state = await create(deployment, ports, config());
    const next = await update(deployment, ports, state, { ...state, deposit: "1000000uact" });
    expect(next.balance).toBe(state.balance);
    expect(chain.submitted).toHaveLength(1);
  });

  test("a top-up that cannot be funded, a closed deployment and a vanished one are reported", async () => {
    const { ports, ledger, chain } = funded(5_000_000n);
    const state = await create(deployment, ports, config());
    await expect(update(deployment, ports, state, config({ deposit: "9000000uact" }))).rejects.toMatchObject({
      summary: "Not enough ACT for the deposit",
    });
    chain.meanwhile("updateDeployment", () => ledger.deployments.clear());
    await expect(
      update(deployment, ports, state, config({ sdl: webSdl({ image: "nginx:1.29" }) })),
    ).rejects.toMatchObject({ summary: "Deployment disappeared" });
    const again = funded();
    const other = await create(deployment, again.ports, config());
    again.ledger.closeOutside(OWNER, BigInt(String(other.dseq)));
    await expect(
      update(deployment, again.ports, other, config({ sdl: webSdl({ image: "nginx:1.29" }) })),
    ).rejects.toMatchObject({ summary: "Not possible in the current state" });
  });
});

describe("delete", () => {
  test("closes the deployment and refunds the escrow; closed or unknown ones are left alone", async () => {
    const { ports, chain, ledger } = funded();
    const state = await create(deployment, ports, config());
    await destroy(deployment, ports, state);
    expect(ledger.deployment(OWNER, BigInt(String(state.dseq)))?.state).toBe("closed");
    expect(ledger.balanceOf(OWNER, "uact")).toBe(10_000_000n);
    await destroy(deployment, ports, state);
    await destroy(deployment, ports, { ...state, dseq: "424242" });
    expect(chain.sent("closeDeployment")).toHaveLength(1);
  });

  test("closed concurrently is success; a refusal while still active is reported", async () => {
    const { ports, chain } = funded();
    const state = await create(deployment, ports, config());
    chain.failNext("closeDeployment", new ChainError("unknown", "EOF"), { afterApplying: true });
    await expect(destroy(deployment, ports, state)).resolves.toBeUndefined();
    const other = funded();
    const active = await create(deployment, other.ports, config());
    other.chain.failNext("closeDeployment", new ChainError("insufficient-fee", "Fee too low."));
    await expect(destroy(deployment, other.ports, active)).rejects.toMatchObject({ summary: "Fee too low" });
  });
});

describe("import", () => {
  test("`<dseq>` and `<owner>/<dseq>` import what the chain holds; the SDL is filled in by the next apply", async () => {
    const { ports } = funded();
    const created = await create(deployment, ports, config());
    const byDseq = await importState(deployment, ports, String(created.dseq));
    expect(await importState(deployment, ports, `${OWNER}/${String(created.dseq)}`)).toEqual(byDseq);
    expect(byDseq).toMatchObject({
      id: created.id,
      hash: created.hash,
      state: "active",
      sdl: null,
      deposit: null,
    });
  });

  test("`,sdl=<file>` brings the SDL when it is the one on chain", async () => {
    const { ports, files } = funded();
    const created = await create(deployment, ports, config());
    files.set("deploy.yaml", SDL);
    files.set("other.yaml", webSdl({ image: "redis" }));
    const imported = await importState(deployment, ports, `${String(created.dseq)},sdl=deploy.yaml`);
    expect(imported).toMatchObject({
      sdl: SDL,
      manifest_json: created.manifest_json ?? compileSdl(SDL).manifestJson,
    });
    await expect(
      importState(deployment, ports, `${String(created.dseq)},sdl=other.yaml`),
    ).rejects.toMatchObject({
      summary: "SDL does not match the deployment",
    });
    await expect(
      importState(deployment, ports, `${String(created.dseq)},sdl=missing.yaml`),
    ).rejects.toMatchObject({
      summary: "Cannot read the SDL file",
    });
  });

  test("a deployment not on chain, and bad IDs, are refused", async () => {
    const { ports } = funded();
    await expect(importState(deployment, ports, "31337")).rejects.toMatchObject({
      summary: "Deployment not found",
    });
    for (const id of ["x", `${OWNER}/x`, "1,sdl=a,sdl=b", "1,file=a"]) {
      await expect(importState(deployment, ports, id)).rejects.toMatchObject({
        summary: "Invalid import ID",
      });
    }
  });
});
