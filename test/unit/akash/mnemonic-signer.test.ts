import { mnemonicSigner } from "../../../src/akash/adapters/cosmos/mnemonic-signer";
import { localnetKeys } from "../../../src/localnet/keys";

test("derives the standard Cosmos address (m/44'/118'/0'/0/0, akash prefix) and exposes no key", async () => {
  const key = localnetKeys.provider(3);
  const signer = await mnemonicSigner(`  ${key.mnemonic.replace(/ /g, "   ")} `);
  expect(signer.address).toBe(key.address);
  expect(signer.publicKey).toHaveLength(33);
  expect(Object.keys(signer).sort()).toEqual(["address", "publicKey", "sign"]);
  expect(JSON.stringify(signer)).not.toMatch(/priv/i);
});

test("an invalid mnemonic is rejected without echoing it", async () => {
  const words = "correct horse battery staple ".repeat(3).trim();
  const error = await mnemonicSigner(words).catch((e: unknown) => e as Error);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ code: "invalid-mnemonic" });
  expect((error as Error).message).toContain("not a valid BIP-39");
  expect((error as Error).message).not.toContain("horse");
});
