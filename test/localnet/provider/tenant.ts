/**
 * A tenant for end-to-end tests, using only real client libraries: cosmjs SigningStargateClient with chain-sdk's
 * message types, cosmjs abci queries, chain-sdk's SDL tooling and JwtTokenManager, and plain HTTPS to gateways.
 */
import { request } from "node:https";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { QueryClient, type DeliverTxResponse, type SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import {
  generateManifest,
  generateManifestVersion,
  JwtTokenManager,
  manifestToSortedJSON,
} from "@akashnetwork/chain-sdk";
import * as v1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { load } from "js-yaml";
import { connectAkashClient } from "../../support/akash-client";

export interface Deployment {
  dseq: string;
  groupSpecs: v1beta4.GroupSpec[];
  manifestBody: string;
  hash: Uint8Array;
}

export class Tenant {
  private constructor(
    readonly address: string,
    readonly client: SigningStargateClient,
    readonly query: QueryClient,
    readonly jwt: JwtTokenManager,
    private readonly amino: Secp256k1HdWallet,
  ) {}

  static async connect(rpcUrl: string, mnemonic: string, pollMs: number): Promise<Tenant> {
    const { client, address } = await connectAkashClient(rpcUrl, mnemonic, pollMs);
    const query = new QueryClient(await connectComet(rpcUrl));
    const amino = await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
    return new Tenant(address, client, query, new JwtTokenManager(amino), amino);
  }

  async send(typeUrl: string, value: object): Promise<DeliverTxResponse> {
    const res = await this.client.signAndBroadcast(this.address, [{ typeUrl, value }], 1.6);
    // Gas is simulated against the state before the block: a lease create that has to close more competing bids
    // by the time it executes can need more. Resubmit once with more gas, as a careful client does.
    if (res.code === 11) return this.client.signAndBroadcast(this.address, [{ typeUrl, value }], 3);
    return res;
  }

  async sendOk(typeUrl: string, value: object): Promise<DeliverTxResponse> {
    const res = await this.send(typeUrl, value);
    if (res.code !== 0) throw new Error(`${typeUrl} failed (${res.code}): ${res.rawLog}`);
    return res;
  }

  async createDeployment(sdlYaml: string, dseq: string, deposit = "5000000"): Promise<Deployment> {
    const result = generateManifest(load(sdlYaml) as Parameters<typeof generateManifest>[0]);
    if (!result.ok) throw new Error(`bad SDL: ${JSON.stringify(result.value)}`);
    const hash = await generateManifestVersion(result.value.groups);
    await this.sendOk("/akash.deployment.v1beta4.MsgCreateDeployment", {
      id: { owner: this.address, dseq },
      groups: result.value.groupSpecs,
      hash,
      deposit: { amount: { denom: "uact", amount: deposit }, sources: [1] },
    });
    return {
      dseq,
      groupSpecs: result.value.groupSpecs,
      manifestBody: manifestToSortedJSON(result.value.groups),
      hash,
    };
  }

  private async abci<T>(
    path: string,
    req: { encode(m: never): { finish(): Uint8Array }; fromPartial(o: object): unknown },
    res: { decode(b: Uint8Array): T },
    value: object,
  ): Promise<T> {
    const bytes = req.encode(req.fromPartial(value) as never).finish();
    return res.decode((await this.query.queryAbci(path, bytes)).value);
  }

  async bids(dseq: string, state?: string): Promise<v1beta5.Bid[]> {
    const res = await this.abci(
      "/akash.market.v1beta5.Query/Bids",
      v1beta5.QueryBidsRequest,
      v1beta5.QueryBidsResponse,
      {
        filters: { owner: this.address, dseq, state: state ?? "" },
      },
    );
    return res.bids.flatMap((b) => (b.bid ? [b.bid] : []));
  }

  async leases(dseq: string): Promise<v1.Lease[]> {
    const res = await this.abci(
      "/akash.market.v1beta5.Query/Leases",
      v1beta5.QueryLeasesRequest,
      v1beta5.QueryLeasesResponse,
      {
        filters: { owner: this.address, dseq },
      },
    );
    return res.leases.flatMap((l) => (l.lease ? [l.lease] : []));
  }

  async createLease(bid: v1beta5.Bid): Promise<void> {
    await this.sendOk("/akash.market.v1beta5.MsgCreateLease", { bidId: bid.id });
  }

  /**
   * A token with arbitrary claims, ES256KADR36-signed by this wallet exactly as JwtTokenManager signs (which itself
   * refuses to create expired or schema-breaking tokens).
   */
  async rawToken(
    claims: Record<string, unknown>,
    signer = this.amino,
    signerAddress = this.address,
  ): Promise<string> {
    const header = Buffer.from(JSON.stringify({ alg: "ES256KADR36", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    const { signature } = await signer.signAmino(signerAddress, {
      chain_id: "",
      account_number: "0",
      sequence: "0",
      fee: { gas: "0", amount: [] },
      msgs: [
        {
          type: "sign/MsgSignData",
          value: { signer: signerAddress, data: Buffer.from(`${header}.${payload}`).toString("base64") },
        },
      ],
      memo: "",
    });
    return `${header}.${payload}.${Buffer.from(signature.signature, "base64").toString("base64url")}`;
  }

  async token(opts: Partial<Parameters<JwtTokenManager["generateToken"]>[0]> = {}): Promise<string> {
    return this.jwt.generateToken({ version: "v1", iss: this.address, ...opts });
  }
}

export interface GatewayResponse {
  status: number;
  body: string;
  json<T = unknown>(): T;
}

/** One HTTPS request to a provider gateway (self-signed certificate, so no CA verification). */
export function gateway(
  url: string,
  opts: {
    method?: string;
    token?: string;
    body?: string;
    cert?: string;
    key?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<GatewayResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: opts.method ?? "GET",
        rejectUnauthorized: false,
        cert: opts.cert,
        key: opts.key,
        // A distinct SNI, like chain-sdk clients use for mTLS.
        servername: opts.cert ? "mtls.localnet" : undefined,
        headers: { ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}
