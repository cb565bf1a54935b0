/**
 * Which funds a createDeployment/accountDeposit drew, read from the message's own events: the escrow module
 * emits none, but the bank reports every transfer into the escrow module account (sender, amount), in the order
 * the chain's AuthorizeDeposits took them. A transfer from the signer is its balance; any other sender is a
 * granter whose deposit authorization paid.
 */
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2";
import type { ChainEvent, DepositDraw } from "../../ports/chain";

/** authtypes.NewModuleAddress("escrow"): the first 20 bytes of sha256 of the module name. */
export const ESCROW_MODULE_ADDRESS = toBech32(
  "akash",
  sha256(new TextEncoder().encode("escrow")).slice(0, 20),
);

const COIN = /^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)$/;

export function depositDraws(events: ChainEvent[], signer: string): DepositDraw[] {
  const draws: DepositDraw[] = [];
  for (const event of events) {
    const { recipient, sender, amount } = event.attributes;
    if (event.type !== "transfer" || recipient !== ESCROW_MODULE_ADDRESS || !sender || !amount) continue;
    for (const text of amount.split(",")) {
      const coin = COIN.exec(text.trim());
      if (!coin) continue;
      draws.push({
        source: sender === signer ? "balance" : "grant",
        owner: sender,
        amount: { denom: coin[2]!, amount: BigInt(coin[1]!) },
      });
    }
  }
  return draws;
}
