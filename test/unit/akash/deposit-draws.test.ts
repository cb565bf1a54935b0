/** Which funds a deposit drew, from the bank transfers into the escrow module account (escrow emits no events). */
import { ESCROW_MODULE_ADDRESS, depositDraws } from "../../../src/akash/adapters/cosmos/deposit-draws";

const signer = "akash1qqzrv4hhse2dmn0ud4kqtxu2dfnqffquts5efu";
const granter = "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q";

test("the escrow module address is sha256('escrow')[:20], as the SDK derives module accounts", () => {
  // The well-known address of Akash's escrow module account on every network.
  expect(ESCROW_MODULE_ADDRESS).toBe("akash14pphss726thpwws3yc458hggufynm9x77l4l2u");
});

test("balance and grant draws in the chain's order; other transfers are ignored", () => {
  const transfer = (sender: string, recipient: string, amount: string) => ({
    type: "transfer",
    attributes: { recipient, sender, amount, msg_index: "0" },
  });
  expect(
    depositDraws(
      [
        { type: "message", attributes: { sender: signer } },
        transfer(signer, ESCROW_MODULE_ADDRESS, "1000000uact"),
        transfer(granter, ESCROW_MODULE_ADDRESS, "4000000uact"),
        transfer(signer, granter, "5uakt"),
      ],
      signer,
    ),
  ).toEqual([
    { source: "balance", owner: signer, amount: { denom: "uact", amount: 1_000_000n } },
    { source: "grant", owner: granter, amount: { denom: "uact", amount: 4_000_000n } },
  ]);
});
