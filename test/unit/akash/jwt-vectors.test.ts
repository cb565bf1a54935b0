/**
 * chain-sdk's JWT test vectors (test/fixtures/jwt, from go/v0.2.16) as tests of both sides we own: our ES256K
 * signer must reproduce the Go signatures byte for byte, and the localnet gateway's verifier must accept and refuse
 * exactly the tokens the provider does, with the status codes its auth middleware maps the failures to.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { mnemonicSigner } from "../../../src/akash/adapters/cosmos/mnemonic-signer";
import { createGatewayJwt, signJwt } from "../../../src/akash/adapters/gateway/jwt";
import type { Signer } from "../../../src/akash/ports/signer";
import { authorizeDeployment } from "../../../src/localnet/provider/access-claims";
import { GatewayError } from "../../../src/localnet/provider/gateway-errors";
import { tokenSignatureValid, verifyJwt } from "../../../src/localnet/provider/jwt-verifier";

const DIR = join(__dirname, "../../fixtures/jwt");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");

interface SignatureCase {
  description: string;
  tokenString: string;
  expected: { alg: string };
  mustFail: boolean;
}
interface ClaimCase {
  description: string;
  tokenString?: string;
  claims: Record<string, unknown>;
  expected: { alg?: string; signFail: boolean; verifyFail: boolean };
}

const b64url = (text: string) => Buffer.from(text).toString("base64url");

let signer: Signer;
let wallet: Secp256k1HdWallet;
const lookup = async (address: string) => (address === signer.address ? signer.publicKey : undefined);

beforeAll(async () => {
  const mnemonic = read("mnemonic").trim();
  signer = await mnemonicSigner(mnemonic);
  wallet = await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
});

describe("cases_es256k.json", () => {
  const cases = JSON.parse(read("cases_es256k.json")) as SignatureCase[];

  it("uses the key of the vectors", () => {
    expect(signer.address).toBe("akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh");
  });

  it.each(cases.filter((c) => c.expected.alg === "ES256K").map((c) => [c.description, c]))(
    "our signer: %s",
    async (_d, c) => {
      const [header, payload] = c.tokenString.split(".");
      const ours = await signJwt(signer, `${header}.${payload}`);
      if (c.mustFail) expect(ours).not.toBe(c.tokenString);
      else expect(ours).toBe(c.tokenString);
    },
  );

  it.each(cases.map((c) => [c.description, c]))("localnet verifier: %s", (_d, c) => {
    expect(tokenSignatureValid(c.tokenString, signer.publicKey, signer.address)).toBe(!c.mustFail);
  });
});

/** The template rendered as the Go test does (the issuer and provider are the vectors' key). */
function claimCases(nowSeconds: number): ClaimCase[] {
  const values: Record<string, string> = {
    Issuer: signer.address,
    Provider: signer.address,
    IatCurr: String(nowSeconds),
    NbfCurr: String(nowSeconds),
    Iat24h: String(nowSeconds + 86_400),
    Nbf24h: String(nowSeconds + 86_400),
    Exp48h: String(nowSeconds + 172_800),
  };
  const text = read("cases_jwt.json.tmpl").replace(
    /\{\{\.(\w+)\}\}/g,
    (_m, key: string) => values[key] ?? "",
  );
  return JSON.parse(text) as ClaimCase[];
}

/** The claims as Go's json.Marshal writes them: the jwt.NumericDate strings become numbers. */
function goClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...claims };
  for (const key of ["iat", "nbf", "exp"]) if (typeof out[key] === "string") out[key] = Number(out[key]);
  return out;
}

async function adr36Token(signingInput: string): Promise<string> {
  const { signature } = await wallet.signAmino(signer.address, {
    chain_id: "",
    account_number: "0",
    sequence: "0",
    fee: { gas: "0", amount: [] },
    msgs: [
      {
        type: "sign/MsgSignData",
        value: { signer: signer.address, data: Buffer.from(signingInput).toString("base64") },
      },
    ],
    memo: "",
  });
  return `${signingInput}.${Buffer.from(signature.signature, "base64").toString("base64url")}`;
}

async function verdict(token: string, nowMs: number): Promise<number> {
  try {
    await verifyJwt(token, lookup, nowMs);
    return 200;
  } catch (error) {
    if (error instanceof GatewayError) return error.status;
    throw error;
  }
}

describe("cases_jwt.json.tmpl (31 claim cases)", () => {
  const now = Math.floor(Date.now() / 1000);
  // Half a second into the current second, as a Go verifier running right after signing would be.
  const nowMs = now * 1000 + 500;

  it("has the 31 cases", () => {
    expect(claimCases(now)).toHaveLength(31);
  });

  it.each(Array.from({ length: 31 }, (_, i) => [i]))("case %i: ES256K and ES256KADR36", async (i) => {
    const c = claimCases(now)[i]!;
    const payload = b64url(JSON.stringify(goClaims(c.claims)));
    const tokens: [string, string][] = [];
    if (c.tokenString !== undefined) {
      // A fixed token: our signer must produce it from its own signing input.
      const [header, body] = c.tokenString.split(".");
      expect(await signJwt(signer, `${header}.${body}`)).toBe(c.tokenString);
      tokens.push([c.expected.alg ?? "ES256K", c.tokenString]);
    } else {
      tokens.push(["ES256K", await signJwt(signer, `${b64url('{"alg":"ES256K","typ":"JWT"}')}.${payload}`)]);
      tokens.push([
        "ES256KADR36",
        await adr36Token(`${b64url('{"alg":"ES256KADR36","typ":"JWT"}')}.${payload}`),
      ]);
    }
    for (const [alg, token] of tokens) {
      expect(tokenSignatureValid(token, signer.publicKey, signer.address)).toBe(true);
      const status = await verdict(token, nowMs);
      // The provider: an issuer it cannot resolve is 401 "JWT is invalid"; every claim failure (expiry included,
      // as jwt v5 wraps it) is 400 "JWT has invalid claims".
      const iss = c.claims.iss;
      const expected = !c.expected.verifyFail
        ? 200
        : typeof iss === "string" && iss.startsWith("akash1")
          ? 400
          : 401;
      expect({ description: c.description, alg, status }).toEqual({
        description: c.description,
        alg,
        status: expected,
      });
    }
  });
});

test("our own tokens pass the localnet verifier and authorise only their provider and scope", async () => {
  const provider = "akash1swyafq68a4zmnjez8aeg34ltssmx06n6523xcx";
  const token = await createGatewayJwt(signer, { provider, scopes: ["send-manifest"] });
  const claims = await verifyJwt(token, lookup, Date.now());
  const deployment = { owner: signer.address, dseq: "7" };
  expect(authorizeDeployment(claims, deployment, provider, "send-manifest")).toBe(true);
  expect(authorizeDeployment(claims, deployment, provider, "get-manifest")).toBe(false);
  expect(
    authorizeDeployment(claims, deployment, "akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l", "send-manifest"),
  ).toBe(false);
});
