import { Secp256k1HdWallet } from "@cosmjs/amino";
import { toBase64 } from "@cosmjs/encoding";
import { JwtTokenManager, certificateManager } from "@akashnetwork/chain-sdk";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { verifyJwt } from "../../../src/localnet/provider/jwt-verifier";
import { GatewayError } from "../../../src/localnet/provider/gateway-errors";
import { authorizeDeployment, authorizeLease } from "../../../src/localnet/provider/access-claims";
import {
  verifyClientCertificate,
  ClientCertificateError,
} from "../../../src/localnet/provider/mtls-verifier";
import { localnetKeys } from "../../../src/localnet/keys";
import { createTlsIdentity } from "../../../src/localnet/provider/tls-identity";

const PROVIDER = localnetKeys.provider(0).address;
const OTHER_PROVIDER = localnetKeys.provider(1).address;

let wallet: Secp256k1HdWallet;
let owner: string;
let pubkey: Uint8Array;
let other: Secp256k1HdWallet;
let otherAddress: string;

beforeAll(async () => {
  wallet = await Secp256k1HdWallet.fromMnemonic(localnetKeys.testAccount().mnemonic, { prefix: "akash" });
  const [account] = await wallet.getAccounts();
  owner = account!.address;
  pubkey = account!.pubkey;
  other = await Secp256k1HdWallet.fromMnemonic(localnetKeys.auditor().mnemonic, { prefix: "akash" });
  otherAddress = (await other.getAccounts())[0]!.address;
});

const lookup = async (address: string) => (address === owner ? pubkey : undefined);
const now = () => Date.now();

async function expectGatewayError(promise: Promise<unknown>, status: number, message: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  expect({ status: (error as GatewayError).status, message: (error as GatewayError).message }).toEqual({
    status,
    message,
  });
}

describe("JWT verification (chain-sdk JwtTokenManager tokens)", () => {
  it("accepts an ES256KADR36 token from chain-sdk with full access", async () => {
    const token = await new JwtTokenManager(wallet).generateToken({ version: "v1", iss: owner });
    const claims = await verifyJwt(token, lookup, now());
    expect(claims.iss).toBe(owner);
    expect(claims.leases.access).toBe("full");
    expect(authorizeDeployment(claims, { owner, dseq: "42" }, PROVIDER, "send-manifest")).toBe(true);
  });

  it("accepts an ES256K token signed over header.payload", async () => {
    const privkey = (
      await (
        wallet as unknown as { getAccountsWithPrivkeys(): Promise<{ privkey: Uint8Array }[]> }
      ).getAccountsWithPrivkeys()
    )[0]!.privkey;
    const manager = new JwtTokenManager({
      algorithm: "ES256K",
      signArbitrary: async (_signer, data) => {
        const bytes = typeof data === "string" ? Buffer.from(data) : data;
        const sig = secp256k1.sign(sha256(bytes), privkey).toCompactRawBytes();
        return {
          signature: toBase64(sig),
          pub_key: { type: "tendermint/PubKeySecp256k1", value: toBase64(pubkey) },
        };
      },
    });
    const token = await manager.generateToken({ version: "v1", iss: owner });
    expect((await verifyJwt(token, lookup, now())).iss).toBe(owner);
  });

  it("expired or not-yet-valid tokens get 400 'JWT has invalid claims' (jwt v5 wraps expiry)", async () => {
    const t = Math.floor(Date.now() / 1000);
    const manager = new JwtTokenManager(wallet);
    const token = await manager.generateToken({
      version: "v1",
      iss: owner,
      iat: t - 100,
      nbf: t - 100,
      exp: t + 2,
    });
    await expectGatewayError(verifyJwt(token, lookup, (t + 3) * 1000), 400, "JWT has invalid claims");
    await expectGatewayError(verifyJwt(token, lookup, (t - 200) * 1000), 400, "JWT has invalid claims");
  });

  it("a token signed by another key than the issuer's on-chain key is 401 'JWT is invalid'", async () => {
    // `other` signs but claims to be `owner`: the chain key of owner does not verify it.
    const forged = await new JwtTokenManager(other).generateToken({ version: "v1", iss: otherAddress });
    const [h, p, s] = forged.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    payload.iss = owner;
    const swapped = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
    await expectGatewayError(verifyJwt(swapped, lookup, now()), 401, "JWT is invalid");
  });

  it("an issuer without an on-chain public key is 401", async () => {
    const token = await new JwtTokenManager(other).generateToken({ version: "v1", iss: otherAddress });
    await expectGatewayError(verifyJwt(token, lookup, now()), 401, "JWT is invalid");
  });

  it("malformed tokens and unsupported algorithms are 401", async () => {
    await expectGatewayError(verifyJwt("abc", lookup, now()), 401, "JWT is invalid");
    const token = await new JwtTokenManager(wallet).generateToken({ version: "v1", iss: owner });
    const [, p, s] = token.split(".");
    const hs256 = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    await expectGatewayError(verifyJwt(`${hs256}.${p}.${s}`, lookup, now()), 401, "JWT is invalid");
  });

  it("scoped and granular claims authorise per route as the provider does", async () => {
    const manager = new JwtTokenManager(wallet);
    const scoped = await verifyJwt(
      await manager.generateToken({
        version: "v1",
        iss: owner,
        leases: { access: "scoped", scope: ["status"] },
      }),
      lookup,
      now(),
    );
    const lease = { owner, dseq: "7", gseq: 1, oseq: 1, provider: PROVIDER };
    expect(authorizeLease(scoped, lease, "status")).toBe(true);
    expect(authorizeLease(scoped, lease, "logs")).toBe(false);
    expect(authorizeDeployment(scoped, { owner, dseq: "7" }, PROVIDER, "send-manifest")).toBe(false);
    expect(authorizeLease(scoped, { ...lease, owner: otherAddress }, "status")).toBe(false);

    const granular = await verifyJwt(
      await manager.generateToken({
        version: "v1",
        iss: owner,
        leases: {
          access: "granular",
          permissions: [
            {
              provider: PROVIDER,
              access: "granular",
              deployments: [{ dseq: 7, gseq: 1, scope: ["send-manifest", "status"], services: ["web"] }],
            },
          ],
        },
      }),
      lookup,
      now(),
    );
    expect(authorizeDeployment(granular, { owner, dseq: "7" }, PROVIDER, "send-manifest")).toBe(true);
    expect(authorizeDeployment(granular, { owner, dseq: "8" }, PROVIDER, "send-manifest")).toBe(false);
    expect(authorizeLease(granular, lease, "status")).toBe(true);
    expect(authorizeLease(granular, { ...lease, gseq: 2 }, "status")).toBe(false);
    expect(authorizeLease(granular, { ...lease, provider: OTHER_PROVIDER }, "status")).toBe(false);
  });

  it("claims that break the Akash schema are 400", async () => {
    // Build a correctly signed token whose claims JwtTokenManager would refuse to create.
    const manager = new JwtTokenManager(wallet);
    const base = await manager.generateToken({ version: "v1", iss: owner });
    const header = base.split(".")[0]!;
    const t = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        iss: owner,
        iat: t,
        nbf: t,
        exp: t + 60,
        version: "v1",
        leases: { access: "scoped" },
      }),
    ).toString("base64url");
    const { signature } = await wallet.signAmino(owner, {
      chain_id: "",
      account_number: "0",
      sequence: "0",
      fee: { gas: "0", amount: [] },
      msgs: [
        {
          type: "sign/MsgSignData",
          value: { signer: owner, data: Buffer.from(`${header}.${payload}`).toString("base64") },
        },
      ],
      memo: "",
    });
    const token = `${header}.${payload}.${Buffer.from(signature.signature, "base64").toString("base64url")}`;
    await expectGatewayError(verifyJwt(token, lookup, now()), 400, "JWT has invalid claims");
  });
});

describe("mTLS client certificates", () => {
  it("accepts a chain-sdk certificate that is valid on chain, rejects revoked and foreign ones", async () => {
    const pem = await certificateManager.generatePEM(owner);
    const der = Buffer.from(pem.cert.replace(/-----[^-]+-----|\s/g, ""), "base64");
    const onChain = { cert: pem.cert, pubkey: pem.publicKey };
    const serials: string[] = [];
    const found = async (o: string, serial: string) => {
      serials.push(serial);
      return o === owner ? onChain : undefined;
    };
    await expect(verifyClientCertificate([der], found, new Date())).resolves.toBe(owner);
    expect(serials[0]).toMatch(/^\d+$/);
    await expect(verifyClientCertificate([der], async () => undefined, new Date())).rejects.toThrow(
      "tls: attempt to use non-existing or revoked certificate",
    );
    await expect(verifyClientCertificate([der, der], found, new Date())).rejects.toThrow(
      "tls: too many peer certificates",
    );
    const expiredAt = new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000);
    await expect(verifyClientCertificate([der], found, expiredAt)).rejects.toThrow(ClientCertificateError);
    const otherPem = await createTlsIdentity(otherAddress);
    const otherDer = Buffer.from(otherPem.certPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    // The on-chain record belongs to `owner`, so a certificate for another account is unknown.
    await expect(verifyClientCertificate([otherDer], found, new Date())).rejects.toThrow(
      "tls: attempt to use non-existing or revoked certificate",
    );
  });
});
