/**
 * Well-known localnet keys. Like LocalStack's fixed credentials they are public by design: every localnet has the
 * same test account, providers and auditor, so examples and CI can rely on them. Never use them on a real network.
 *
 * Mnemonics come from fixed entropy (sha256 of a role label), so they are valid BIP39 and stable across releases.
 * Addresses (HD path m/44'/118'/0'/0/0, prefix "akash") are precomputed because deriving one costs ~100 ms; a test
 * re-derives them all to keep the table honest.
 */
import { Bip39, sha256 } from "@cosmjs/crypto";
import { toUtf8 } from "@cosmjs/encoding";

export interface LocalnetKey {
  mnemonic: string;
  address: string;
}

/** Provider indexes with a well-known key: 0 .. MAX_LOCALNET_PROVIDERS - 1. */
export const MAX_LOCALNET_PROVIDERS = 10;

const KNOWN_ADDRESSES: Record<string, string> = {
  "test-account 0": "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs",
  "auditor 0": "akash1y6gyn3qs6wtg5cjhmkwansty3rt3eprfy05sj8",
  "provider 0": "akash1swyafq68a4zmnjez8aeg34ltssmx06n6523xcx",
  "provider 1": "akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l",
  "provider 2": "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q",
  "provider 3": "akash1qvmqtyxmyzwzq2snxef8z22tqmqyyjkle8c9s0",
  "provider 4": "akash1p8ej0nke53vrnrnrcku9pz8wa65admgwg6dkqw",
  "provider 5": "akash1a5m4fyzs7u8p6ma689akc68xund3s75vf24q2w",
  "provider 6": "akash1phpvu37nwsup02cy3973ruhv7mqv0yphqv6jxv",
  "provider 7": "akash1732a2l0c6hpcu45xkpf9afjdrr3005w77a5xkd",
  "provider 8": "akash1ymsxdl26zgg85clzqnz5xwk926x7qmqrplglmz",
  "provider 9": "akash17tx7sg470rhx36mjsrx5x5rl40gruagjg949qc",
};

/** The BIP39 mnemonic (24 words) for a role label such as "provider 3". */
export function localnetMnemonic(label: string): string {
  const entropy = sha256(toUtf8(`akash-cdktf localnet ${label}`));
  return Bip39.encode(entropy).toString();
}

const cache = new Map<string, LocalnetKey>();

function key(label: string): LocalnetKey {
  let found = cache.get(label);
  if (found === undefined) {
    const address = KNOWN_ADDRESSES[label];
    if (address === undefined) throw new Error(`no well-known localnet key "${label}"`);
    found = { mnemonic: localnetMnemonic(label), address };
    cache.set(label, found);
  }
  return found;
}

export const localnetKeys = {
  /** The funded test account (AKT and ACT). */
  testAccount(): LocalnetKey {
    return key("test-account 0");
  },
  /** Provider `index` (0..9). */
  provider(index: number): LocalnetKey {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_LOCALNET_PROVIDERS) {
      throw new Error(`localnet provider index must be 0..${MAX_LOCALNET_PROVIDERS - 1}, got ${index}`);
    }
    return key(`provider ${index}`);
  },
  /** The localnet auditor that signs provider attributes. */
  auditor(): LocalnetKey {
    return key("auditor 0");
  },
  /** Every role label with a well-known key (for tests that re-derive addresses). */
  labels(): string[] {
    return Object.keys(KNOWN_ADDRESSES);
  },
};
