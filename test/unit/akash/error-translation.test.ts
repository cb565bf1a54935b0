/** Chain texts (shared/reference/chain-rules.md §2–3) → actionable ChainErrors. */
import {
  expectedSequence,
  failingMessageIndex,
  innerLog,
  translateChainFailure,
} from "../../../src/akash/adapters/cosmos/error-translation";

const sdk = (code: number, log: string) => translateChainFailure({ code, codespace: "sdk", log });
const u1 = (log: string) => translateChainFailure({ code: 1, codespace: "undefined", log });

test("insufficient funds says how much more is needed, and that ACT is minted from AKT", () => {
  const e = sdk(
    5,
    "spendable balance 10uakt is smaller than 500uakt: insufficient funds: insufficient funds",
  );
  expect(e.code).toBe("insufficient-funds");
  expect(e.message).toContain("has 10uakt but this needs 500uakt (490uakt more)");
  const act = sdk(
    5,
    "failed to execute message; message index: 0: spendable balance 0uact is smaller than 5000000uact: insufficient funds",
  );
  expect(act.message).toContain("(5000000uact more)");
  expect(act.message).toMatch(/mint it by burning AKT \(MsgMintACT/);
  expect(act.detail).toContain("message index: 0");
});

test("deposit below the minimum names the minimum", () => {
  const e = translateChainFailure({
    code: 20,
    codespace: "deployment",
    log: "failed to execute message; message index: 0: Deposit too low - 100 < 500000uact: Deposit invalid",
  });
  expect(e.code).toBe("deposit-too-low");
  expect(e.message).toContain("minimum of 500000uact (0.5 ACT)");
});

test("uakt pricing and uakt deposits point to uact", () => {
  expect(
    translateChainFailure({
      code: 24,
      codespace: "deployment",
      log: "unsupported denomination uakt: invalid price",
    }),
  ).toMatchObject({ code: "unsupported-denom", message: expect.stringContaining("must be in uact") });
  expect(
    translateChainFailure({
      code: 20,
      codespace: "deployment",
      log: "failed to execute message; message index: 0: Deposit invalid",
    }),
  ).toMatchObject({ code: "unsupported-denom", message: expect.stringContaining("uact") });
  expect(
    translateChainFailure({
      code: 20,
      codespace: "deployment",
      log: "Mismatched denominations (uakt != uact): Deposit invalid",
    }).code,
  ).toBe("unsupported-denom");
});

test("fees, sequence, gas, signature and unknown accounts", () => {
  expect(sdk(13, "insufficient fees; got:  required: 500uakt: insufficient fee")).toMatchObject({
    code: "insufficient-fee",
    message: expect.stringContaining("at least 500uakt but nothing was offered. Raise `gas_prices`"),
  });
  expect(sdk(32, "account sequence mismatch, expected 5, got 4: incorrect account sequence").code).toBe(
    "sequence-mismatch",
  );
  expect(
    sdk(11, "out of gas in location: WriteFlat; gasWanted: 100000, gasUsed: 100350: out of gas").message,
  ).toContain("gas_adjustment");
  expect(
    sdk(
      4,
      "signature verification failed; please verify account number (12) and chain-id (akashnet-2): (unable to verify single signer signature): unauthorized",
    ).message,
  ).toContain("chain_id");
  expect(sdk(9, "fee payer address: akash1abc does not exist: unknown address").message).toContain(
    "Account akash1abc does not exist on chain yet",
  );
});

test("market and escrow states", () => {
  expect(u1("failed to execute message; message index: 1: bid not open").code).toBe("invalid-state");
  expect(u1("invalid bid: bid not found").code).toBe("not-found");
  expect(u1("Deployment exists").code).toBe("already-exists");
  expect(u1("account overdrawn").message).toContain("overdrawn");
  expect(u1("circuit breaker is active").code).toBe("mint-unavailable");
  expect(u1("akash1x does not allow to pay fees for akash1y").code).toBe("fee-allowance-unavailable");
  expect(
    translateChainFailure({ code: 22, codespace: "sdk", log: "Deployment not found: key not found" }).code,
  ).toBe("not-found");
});

test("unknown failures keep the chain's text", () => {
  const e = u1("something new happened");
  expect(e.code).toBe("unknown");
  expect(e.message).toContain("something new happened");
});

test("helpers: message index, expected sequence, unwrapping simulate errors", () => {
  expect(failingMessageIndex("failed to execute message; message index: 3: boom")).toBe(3);
  expect(failingMessageIndex("boom")).toBeUndefined();
  expect(
    expectedSequence({ code: 32, codespace: "sdk", log: "account sequence mismatch, expected 12, got 9: x" }),
  ).toBe(12n);
  expect(
    innerLog(
      "rpc error: code = Unknown desc = failed to execute message; message index: 0: Deposit invalid with gas used: '5': unknown request",
    ),
  ).toBe("Deposit invalid");
});

test("deployment group errors (MsgStartGroup on a group that is not paused) say what state the group is in", () => {
  const open = u1("Group open");
  expect(open.code).toBe("invalid-state");
  expect(open.message).toContain("already open");
  expect(u1("Group already closed").message).toContain("replace the deployment");
  expect(u1("Group paused").message).toContain("already paused");
  expect(u1("Group not found").code).toBe("not-found");
  // The market module's lower-case "group not open" keeps its own meaning.
  expect(u1("group not open").message).toContain("bid is no longer open");
});

test("a stalled oracle (oracle.v2 'price stalled') says minting is paused and what to do, for the tx and the query", () => {
  const tx = translateChainFailure({
    code: 4,
    codespace: "oracle.v2",
    log: "failed to execute message; message index: 0: price stalled",
  });
  expect(tx.code).toBe("mint-unavailable");
  expect(tx.message).toMatch(/^ACT minting is paused: the chain's oracle has no fresh AKT price/);
  expect(tx.message).toContain("Retry once the oracle reports prices again");
  expect(tx.message).toContain("deposit authorization");
  // Simulation wraps it; the BME Status query answers with the ABCI form.
  const simulated = sdk(
    6,
    "rpc error: code = Unknown desc = failed to execute message; message index: 0: price stalled with gas used: '51234': unknown request",
  );
  expect(simulated.code).toBe("mint-unavailable");
  expect(sdk(6, "price stalled: unknown request").message).toBe(tx.message);
});

test("reclamation rejections (chain v2.1) explain the rule", () => {
  const failed = (codespace: string, code: number, log: string) =>
    translateChainFailure({ codespace, code, log: `failed to execute message; message index: 0: ${log}` });
  expect(
    failed("deployment", 26, "min_window below governance minimum: invalid reclamation configuration"),
  ).toMatchObject({
    code: "invalid-request",
    message: expect.stringContaining("below the chain's minimum"),
  });
  expect(
    failed("deployment", 26, "min_window above governance maximum: invalid reclamation configuration")
      .message,
  ).toContain("above the chain's maximum");
  expect(failed("market", 40, "order requires reclamation but bid does not offer it").message).toContain(
    "offers no reclamation window",
  );
  expect(failed("market", 41, "reclamation window shorter than order minimum").message).toContain(
    "shorter than the deployment's min_window",
  );
  expect(failed("market", 39, "reclamation window outside governance bounds").code).toBe("invalid-request");
  expect(failed("market", 37, "reclamation not started; call MsgLeaseStartReclaim first")).toMatchObject({
    code: "invalid-state",
    message: expect.stringContaining("must start reclamation (MsgLeaseStartReclaim)"),
  });
  expect(failed("market", 38, "reclamation window has not elapsed").code).toBe("invalid-state");
  expect(failed("market", 35, "lease does not have reclamation configured").code).toBe("invalid-state");
});
