/** The data sources against fake ports: their validate diagnostics, what they read, and chain failures. */
import { ChainError } from "../../../../src/akash/ports/errors";
import { UNKNOWN } from "../../../../src/framework/values";
import { accountDataSource as account } from "../../../../src/data-sources/account";
import { authorizationsDataSource as authorizations } from "../../../../src/data-sources/authorizations";
import { deploymentDataSource as deploymentData } from "../../../../src/data-sources/deployment";
import { providersDataSource as providers } from "../../../../src/data-sources/providers";
import { sdlDataSource as sdl } from "../../../../src/data-sources/sdl";
import { compileSdl, manifestSummary } from "../../../../src/sdl";
import {
  AUDITOR,
  GRANTEE,
  OTHER,
  OWNER,
  PROVIDER_A,
  PROVIDER_B,
} from "../../../support/fake-ports/fake-accounts";
import { fakeWorld, operation } from "../../../support/fake-ports/fake-ports";
import { readData, summaries, validate } from "../../../support/fake-ports/resource-calls";
import { webSdl } from "../../../support/web-sdl";

const unreachable = () => new ChainError("unreachable", "No configured node answered.");

describe("akash_account", () => {
  test("the signing key's balances and sequence, or another account's", async () => {
    const { ports, ledger } = fakeWorld();
    ledger.fund(OWNER, { denom: "uakt", amount: 7n }, { denom: "uact", amount: 3n });
    expect(await readData(account, ports, { address: null })).toEqual({
      address: OWNER,
      exists: true,
      balances: { uact: "3", uakt: "7" },
      balance_list: ["3uact", "7uakt"],
      account_number: "7",
      sequence: "3",
    });
    expect(await readData(account, ports, { address: OTHER })).toMatchObject({
      address: OTHER,
      exists: false,
      balances: {},
      account_number: "",
      sequence: "0",
    });
  });

  test("without a key an address is needed; a node failure is a diagnostic", async () => {
    await expect(
      readData(account, fakeWorld({ signer: null }).ports, { address: null }),
    ).rejects.toMatchObject({
      summary: "No signing key",
    });
    const { ports, chain } = fakeWorld();
    chain.failNext("balances", unreachable());
    await expect(readData(account, ports, { address: null })).rejects.toMatchObject({
      summary: "Akash node unreachable",
    });
  });
});

describe("akash_authorizations", () => {
  function granted() {
    const world = fakeWorld();
    const { ledger, clock } = world;
    ledger.depositGrants = [
      {
        granter: OWNER,
        grantee: GRANTEE,
        spendLimits: [
          { denom: "uakt", amount: 2n },
          { denom: "uact", amount: 9n },
        ],
        scopes: ["deployment"],
        expiration: new Date(clock.now() + 60_000),
      },
      {
        granter: OWNER,
        grantee: OTHER,
        spendLimits: [],
        scopes: ["bid"],
        expiration: new Date(clock.now() - 1),
      },
      {
        granter: OTHER,
        grantee: OWNER,
        spendLimits: [{ denom: "uact", amount: 1n }],
        scopes: ["deployment"],
      },
    ];
    ledger.feeAllowances = [{ granter: OWNER, grantee: GRANTEE, kind: "basic", spendLimit: [] }];
    return world;
  }

  test("what the signing key gave (live grants only)", async () => {
    const { ports, clock } = granted();
    expect(await readData(authorizations, ports, { address: null, role: null })).toEqual({
      address: OWNER,
      role: "granter",
      deposit_authorizations: [
        {
          granter: OWNER,
          grantee: GRANTEE,
          spend_limits: ["9uact", "2uakt"],
          scopes: ["deployment"],
          expiration: new Date(clock.now() + 60_000).toISOString(),
        },
      ],
      fee_allowances: [
        { granter: OWNER, grantee: GRANTEE, kind: "basic", spend_limit: [], expiration: null },
      ],
    });
  });

  test("what an account received", async () => {
    const { ports } = granted();
    const received = await readData(authorizations, ports, { address: OWNER, role: "grantee" });
    expect(received).toMatchObject({
      role: "grantee",
      deposit_authorizations: [expect.objectContaining({ granter: OTHER, expiration: null })],
      fee_allowances: [],
    });
  });

  test("a bad address is an error on the attribute; node failures are diagnostics", async () => {
    const { ports, chain } = granted();
    await expect(
      readData(authorizations, ports, { address: "akash1typo", role: null }),
    ).rejects.toMatchObject({
      summary: "Invalid address",
      path: ["address"],
    });
    chain.failNext("feeAllowances", unreachable());
    await expect(readData(authorizations, ports, { address: null, role: null })).rejects.toMatchObject({
      summary: "Akash node unreachable",
    });
  });
});

describe("akash_deployment (data source)", () => {
  test("validateConfig: a dseq must be a number; unknown is fine", async () => {
    expect(summaries(await validate(deploymentData, { dseq: "12a" }))).toEqual([
      { severity: "error", summary: "Invalid dseq", path: ["dseq"] },
    ]);
    expect(await validate(deploymentData, { dseq: "12" })).toEqual([]);
    expect(await validate(deploymentData, { dseq: UNKNOWN })).toEqual([]);
  });

  test("an existing deployment with its groups, escrow and leases", async () => {
    const { ports, ledger } = fakeWorld();
    const compiled = compileSdl(webSdl());
    ledger.fund(OWNER, { denom: "uact", amount: 9_000_000n });
    ledger.addProvider(PROVIDER_A);
    ledger.apply(
      {
        kind: "createDeployment",
        owner: OWNER,
        dseq: 42n,
        groups: compiled.groupSpecsGoJson,
        hash: compiled.hash,
        deposit: { denom: "uact", amount: 5_000_000n },
      },
      OWNER,
    );
    const bid = ledger.addBid({ owner: OWNER, dseq: 42n, gseq: 1 }, PROVIDER_A, { price: "12.5" });
    ledger.apply({ kind: "createLease", bid: bid.id }, OWNER);
    expect(await readData(deploymentData, ports, { dseq: "42", owner: null })).toEqual({
      dseq: "42",
      owner: OWNER,
      state: "active",
      hash: compiled.hashHex,
      groups: ["dc"],
      group_states: ["open"],
      escrow_funds: ["5000000uact"],
      leases: [{ gseq: 1, oseq: 1, provider: PROVIDER_A, state: "active", price: "12.5uact" }],
    });
  });

  test("a deployment not on chain, a bad dseq and node failures are diagnostics", async () => {
    const { ports, chain } = fakeWorld();
    await expect(readData(deploymentData, ports, { dseq: "9", owner: OTHER })).rejects.toMatchObject({
      summary: "Deployment not found",
      path: ["dseq"],
    });
    await expect(readData(deploymentData, ports, { dseq: "x", owner: null })).rejects.toMatchObject({
      summary: "Invalid dseq",
      path: ["dseq"],
    });
    chain.failNext("leases", unreachable());
    await expect(readData(deploymentData, ports, { dseq: "9", owner: null })).rejects.toMatchObject({
      summary: "Akash node unreachable",
    });
  });
});

describe("akash_providers", () => {
  function registered() {
    const world = fakeWorld();
    world.ledger.addProvider(PROVIDER_B, { region: "us-west", tier: "community" });
    world.ledger.addProvider(PROVIDER_A, { region: "us-west" });
    world.ledger.addProvider(OTHER, { region: "eu" });
    world.ledger.addAudit(PROVIDER_A, AUDITOR);
    world.ledger.addAudit(PROVIDER_A, AUDITOR); // audited twice by the same auditor: listed once
    return world;
  }

  test("all providers, sorted by address", async () => {
    const { ports } = registered();
    const all = await readData(providers, ports, { attributes: null, audited_by: null });
    expect(all.addresses).toEqual([PROVIDER_A, OTHER, PROVIDER_B].sort());
    expect(all.providers).toContainEqual({
      address: PROVIDER_A,
      host_uri: expect.stringContaining("https://"),
      attributes: { region: "us-west" },
      audited_by: [AUDITOR],
    });
  });

  test("filtered by attributes and auditors", async () => {
    const { ports } = registered();
    const west = await readData(providers, ports, { attributes: { region: "us-west" }, audited_by: null });
    expect(west.addresses).toEqual([PROVIDER_A, PROVIDER_B].sort());
    const audited = await readData(providers, ports, {
      attributes: { region: "us-west" },
      audited_by: [AUDITOR],
    });
    expect(audited).toMatchObject({
      addresses: [PROVIDER_A],
      attributes: { region: "us-west" },
      audited_by: [AUDITOR],
    });
  });

  test("node failures are diagnostics", async () => {
    const { ports, chain } = registered();
    chain.failNext("auditedAttributes", unreachable());
    await expect(readData(providers, ports, { attributes: null, audited_by: null })).rejects.toMatchObject({
      summary: "Akash node unreachable",
    });
  });
});

describe("akash_sdl", () => {
  test("validateConfig: each SDL problem and each leniency is reported on `sdl`", async () => {
    expect(await validate(sdl, { sdl: webSdl() })).toEqual([]);
    expect(await validate(sdl, { sdl: UNKNOWN })).toEqual([]);
    expect(summaries(await validate(sdl, { sdl: webSdl().replace("port: 80\n", "port: 0\n") }))).toEqual([
      { severity: "error", summary: "Invalid SDL", path: ["sdl"] },
    ]);
    expect(summaries(await validate(sdl, { sdl: webSdl({ denom: "uakt" }) }))).toEqual([
      { severity: "warning", summary: "SDL priced in uakt", path: ["sdl"] },
    ]);
  });

  test("read compiles the SDL without any port", async () => {
    const text = webSdl({ count: 2 });
    const compiled = compileSdl(text);
    expect(await sdl.read({ config: { sdl: text }, provider: undefined, ctx: operation() })).toEqual({
      sdl: text,
      manifest_json: compiled.manifestJson,
      manifest_summary: manifestSummary(compiled.manifest),
      group_specs_json: JSON.stringify(compiled.groupSpecsGoJson),
      hash: compiled.hashHex,
      services: ["web"],
      groups: ["dc"],
      denom: "uact",
    });
    await expect(
      sdl.read({ config: { sdl: "services: [" }, provider: undefined, ctx: operation() }),
    ).rejects.toMatchObject({ summary: "Invalid SDL", path: ["sdl"] });
  });
});
