import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { localnetKeys, localnetMnemonic } from "../../../src/localnet/keys";

describe("localnet keys", () => {
  it("precomputed addresses match a real HD derivation of the mnemonics", async () => {
    for (const label of localnetKeys.labels()) {
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(localnetMnemonic(label), { prefix: "akash" });
      const [account] = await wallet.getAccounts();
      expect({ label, address: account!.address }).toEqual({
        label,
        address: expect.stringMatching(/^akash1/),
      });
      const expected =
        label === "test-account 0"
          ? localnetKeys.testAccount().address
          : label === "auditor 0"
            ? localnetKeys.auditor().address
            : localnetKeys.provider(Number(label.split(" ")[1])).address;
      expect(account!.address).toBe(expected);
    }
  });

  it("keys are distinct 24-word mnemonics and bad indexes are rejected", () => {
    const all = [
      localnetKeys.testAccount(),
      localnetKeys.auditor(),
      ...[0, 1, 2].map((i) => localnetKeys.provider(i)),
    ];
    expect(new Set(all.map((k) => k.address)).size).toBe(all.length);
    for (const k of all) expect(k.mnemonic.split(" ")).toHaveLength(24);
    expect(() => localnetKeys.provider(10)).toThrow(/0\.\.9/);
  });
});
