/** Provider gateway JWTs: ES256K over `header.payload`, verified here with @noble/curves against the public key. */
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { mnemonicSigner } from "../../../src/akash/adapters/cosmos/mnemonic-signer";
import { createGatewayJwt } from "../../../src/akash/adapters/gateway/jwt";
import { localnetKeys } from "../../../src/localnet/keys";

const decode = (segment: string) =>
  JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<string, unknown>;

test("ES256K token signed by the owner, scoped to one provider and permission, short-lived", async () => {
  const signer = await mnemonicSigner(localnetKeys.testAccount().mnemonic);
  const provider = localnetKeys.provider(0).address;
  const nowMs = 1_700_000_000_000;
  const token = await createGatewayJwt(signer, { provider, scopes: ["send-manifest"], nowMs });
  const [header, payload, signature] = token.split(".") as [string, string, string];
  expect(token.split(".")).toHaveLength(3);
  expect(decode(header)).toEqual({ alg: "ES256K", typ: "JWT" });
  expect(decode(payload)).toEqual({
    iss: localnetKeys.testAccount().address,
    iat: 1_700_000_000,
    nbf: 1_700_000_000 - 60,
    exp: 1_700_000_000 + 300,
    version: "v1",
    leases: { access: "granular", permissions: [{ provider, access: "scoped", scope: ["send-manifest"] }] },
  });
  const sig = new Uint8Array(Buffer.from(signature, "base64url"));
  expect(sig).toHaveLength(64);
  const digest = sha256(new TextEncoder().encode(`${header}.${payload}`));
  expect(secp256k1.verify(sig, digest, signer.publicKey, { lowS: true })).toBe(true);
  // A token for another payload does not verify with that signature.
  const other = sha256(new TextEncoder().encode(`${header}.${payload}x`));
  expect(secp256k1.verify(sig, other, signer.publicKey)).toBe(false);
  // No segment is padded (the provider's parser refuses padding).
  expect(token).not.toContain("=");
});
