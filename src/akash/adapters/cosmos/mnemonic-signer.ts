/**
 * A Signer from a BIP-39 mnemonic, derived like every Cosmos wallet (m/44'/118'/0'/0/0, bech32 prefix "akash").
 * The private key lives only in this closure: nothing reads it back, and errors never include the mnemonic.
 */
import { Bip39, EnglishMnemonic, ripemd160, Slip10, Slip10Curve, stringToPath } from "@cosmjs/crypto";
import { toBech32 } from "@cosmjs/encoding";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { ChainError } from "../../ports/errors";
import type { Signer } from "../../ports/signer";

export const AKASH_HD_PATH = "m/44'/118'/0'/0/0";

export async function mnemonicSigner(
  mnemonic: string,
  options: { prefix?: string; hdPath?: string } = {},
): Promise<Signer> {
  // @cosmjs/crypto is imported statically: this module itself is loaded lazily, and esbuild's ESM chunks expose
  // only `default` for a CommonJS package imported with import().
  let parsed: InstanceType<typeof EnglishMnemonic>;
  try {
    parsed = new EnglishMnemonic(mnemonic.trim().split(/\s+/).join(" "));
  } catch {
    // The library's message may quote the words; keep it out.
    throw new ChainError(
      "invalid-mnemonic",
      "The mnemonic is not a valid BIP-39 English mnemonic (check the words and their order).",
    );
  }
  const seed = await Bip39.mnemonicToSeed(parsed);
  const { privkey } = Slip10.derivePath(
    Slip10Curve.Secp256k1,
    seed,
    stringToPath(options.hdPath ?? AKASH_HD_PATH),
  );
  const publicKey = secp256k1.getPublicKey(privkey, true);
  const address = toBech32(options.prefix ?? "akash", ripemd160(sha256(publicKey)));
  return {
    address,
    publicKey,
    sign: (data: Uint8Array) =>
      Promise.resolve(secp256k1.sign(sha256(data), privkey, { lowS: true }).toCompactRawBytes()),
  };
}
