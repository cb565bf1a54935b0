import { ChainError, GatewayError } from "../../../src/akash/ports/errors";
import { DiagnosticError } from "../../../src/framework/diagnostics";
import { PartialStateError, type ResourceDefinition } from "../../../src/framework/resource";
import { asUserError, withUserErrors } from "../../../src/domain/user-errors";

describe("asUserError", () => {
  test("chain and gateway errors become diagnostics that keep the advice", () => {
    const chain = asUserError(new ChainError("unreachable", "No Akash node answered. Check `node`.", "raw"));
    expect(chain).toBeInstanceOf(DiagnosticError);
    expect(chain).toMatchObject({
      summary: "Akash node unreachable",
      detail: "No Akash node answered. Check `node`.",
    });
    const gateway = asUserError(new GatewayError("invalid-manifest", "The provider rejected it.", 422));
    expect(gateway).toMatchObject({ summary: "Manifest rejected by the provider" });
  });

  test("an invalid mnemonic and a refused fee allowance get their own headings", () => {
    expect(asUserError(new ChainError("invalid-mnemonic", "Not a valid BIP-39 mnemonic."))).toMatchObject({
      summary: "Invalid mnemonic",
    });
    expect(asUserError(new ChainError("fee-allowance-unavailable", "The fee allowance…"))).toMatchObject({
      summary: "Grant unavailable",
    });
    expect(asUserError(new ChainError("grant-unavailable", "The deposit authorization…"))).toMatchObject({
      summary: "Deposit grant unavailable",
    });
  });

  test("a partial state keeps its state and gets a translated cause", () => {
    const state = { id: "x" };
    const translated = asUserError(new PartialStateError(state, new ChainError("timeout", "Not seen yet.")));
    expect(translated).toBeInstanceOf(PartialStateError);
    expect((translated as PartialStateError).state).toBe(state);
    expect((translated as PartialStateError).cause).toMatchObject({
      summary: "Transaction not confirmed in time",
    });
  });

  test("cancellations are left to the framework, which knows whether a timeout or an interrupt caused them", () => {
    const chain = new ChainError("aborted", "Cancelled.");
    const gateway = new GatewayError("aborted", "Cancelled.");
    expect(asUserError(chain)).toBe(chain);
    expect(asUserError(gateway)).toBe(gateway);
  });

  test("anything else is left alone (a real bug stays a bug)", () => {
    const bug = new TypeError("x is undefined");
    expect(asUserError(bug)).toBe(bug);
    const partial = new PartialStateError({}, bug);
    expect(asUserError(partial)).toBe(partial);
  });
});

test("withUserErrors translates what the handlers throw", async () => {
  const def: ResourceDefinition<undefined> = {
    typeName: "t",
    schema: { version: 0, block: { attributes: {} } },
    create: () => Promise.reject(new ChainError("insufficient-funds", "Top up the account.")),
    read: () => Promise.resolve(null),
    update: () => Promise.reject(new Error("boom")),
    delete: () => Promise.resolve(),
  };
  const wrapped = withUserErrors(def);
  const args = { planned: {}, config: {}, provider: undefined, ctx: {} as never };
  await expect(wrapped.create(args)).rejects.toMatchObject({ summary: "Insufficient funds" });
  await expect(wrapped.update({ ...args, prior: {} })).rejects.toThrow("boom");
  await expect(wrapped.read({ state: {}, provider: undefined, ctx: {} as never })).resolves.toBeNull();
});
