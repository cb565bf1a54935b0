/**
 * What a provider reads from the chain, over CometBFT RPC `abci_query` with chain-sdk's generated protobuf types,
 * exactly as any Akash client would. No access to chain internals: this works against any node that speaks the
 * protocol.
 */
import { QueryClient } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { LOCALNET_CLIENT_HEADER } from "../faults/control-api";
import {
  QueryBidsRequest,
  QueryBidsResponse,
  QueryLeasesRequest,
  QueryLeasesResponse,
  QueryOrdersRequest,
  QueryOrdersResponse,
  QueryParamsRequest as MarketParamsRequest,
  QueryParamsResponse as MarketParamsResponse,
  type Bid,
  type Order,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import {
  QueryDeploymentRequest,
  QueryDeploymentResponse,
  QueryGroupRequest,
  QueryGroupResponse,
  QueryProviderRequest,
  QueryProviderResponse,
  type Group,
  type Provider,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import {
  QueryCertificatesRequest,
  QueryCertificatesResponse,
  QueryProviderAttributesRequest,
  QueryProvidersResponse as AuditedProvidersResponse,
  type AuditedProvider,
  type Lease,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  BaseAccount,
  QueryAccountRequest,
  QueryAccountResponse,
} from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { PubKey as Secp256k1PubKey } from "@akashnetwork/chain-sdk/private-types/cosmos.secp256k1";
import { Lease as LeaseCodec } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { listItems, readLeaseReclamation, type LeaseReclamation } from "../chain/modules/akash/v21/records";

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: object): T;
}

export interface OnChainCertificate {
  /** PEM text of the x509 certificate. */
  cert: string;
  /** PEM text of the public key ("EC PUBLIC KEY"). */
  pubkey: string;
}

const text = new TextDecoder();
const PAGE = { limit: 1000n, countTotal: false, reverse: false, offset: 0n, key: new Uint8Array() };

export class ProviderChainClient {
  private constructor(
    private readonly comet: CometClient,
    private readonly query: QueryClient,
  ) {}

  static async connect(rpcUrl: string): Promise<ProviderChainClient> {
    // Marked as the localnet's own provider: counted apart in /_localnet/stats and spared injected RPC faults.
    const comet = await connectComet({ url: rpcUrl, headers: { [LOCALNET_CLIENT_HEADER]: "provider" } });
    return new ProviderChainClient(comet, new QueryClient(comet));
  }

  disconnect(): void {
    this.comet.disconnect();
  }

  async latestHeight(): Promise<number> {
    return (await this.comet.status()).syncInfo.latestBlockHeight;
  }

  private async call<Req, Res>(path: string, req: Codec<Req>, res: Codec<Res>, value: object): Promise<Res> {
    const bytes = req.encode(req.fromPartial(value)).finish();
    const { value: out } = await this.query.queryAbci(path, bytes);
    return res.decode(out);
  }

  async openOrders(): Promise<Order[]> {
    const res = await this.call(
      "/akash.market.v1beta5.Query/Orders",
      QueryOrdersRequest,
      QueryOrdersResponse,
      {
        filters: { state: "open" },
        pagination: PAGE,
      },
    );
    return res.orders;
  }

  async group(owner: string, dseq: string, gseq: number): Promise<Group | undefined> {
    const res = await this.call(
      "/akash.deployment.v1beta4.Query/Group",
      QueryGroupRequest,
      QueryGroupResponse,
      {
        id: { owner, dseq, gseq },
      },
    );
    return res.group;
  }

  /** Deployment with its groups; throws the chain's error (e.g. "Deployment not found") when unknown. */
  async deployment(owner: string, dseq: string): Promise<QueryDeploymentResponse> {
    return this.call(
      "/akash.deployment.v1beta4.Query/Deployment",
      QueryDeploymentRequest,
      QueryDeploymentResponse,
      { id: { owner, dseq } },
    );
  }

  async bids(filters: { provider: string; state?: string; owner?: string; dseq?: string }): Promise<Bid[]> {
    const res = await this.call("/akash.market.v1beta5.Query/Bids", QueryBidsRequest, QueryBidsResponse, {
      filters,
      pagination: PAGE,
    });
    return res.bids.flatMap((b) => (b.bid ? [b.bid] : []));
  }

  async leases(filters: {
    provider: string;
    state?: string;
    owner?: string;
    dseq?: string;
  }): Promise<Lease[]> {
    const res = await this.call(
      "/akash.market.v1beta5.Query/Leases",
      QueryLeasesRequest,
      QueryLeasesResponse,
      {
        filters,
        pagination: PAGE,
      },
    );
    return res.leases.flatMap((l) => (l.lease ? [l.lease] : []));
  }

  /** Leases with their v2.1 reclamation state, which chain-sdk's Lease type does not carry yet. */
  async leasesWithReclamation(filters: {
    provider: string;
    state?: string;
  }): Promise<{ lease: Lease; reclamation?: LeaseReclamation }[]> {
    const request = QueryLeasesRequest.encode(
      QueryLeasesRequest.fromPartial({ filters, pagination: PAGE }),
    ).finish();
    const { value } = await this.query.queryAbci("/akash.market.v1beta5.Query/Leases", request);
    return listItems(value, 1).map((bytes) => ({
      lease: LeaseCodec.decode(bytes),
      reclamation: readLeaseReclamation(bytes),
    }));
  }

  /** `bid_min_deposits` from market params (the minimum bid deposit per denom). */
  async bidMinDeposits(): Promise<{ denom: string; amount: string }[]> {
    const res = await this.call(
      "/akash.market.v1beta5.Query/Params",
      MarketParamsRequest,
      MarketParamsResponse,
      {},
    );
    const params = res.params;
    if (params && params.bidMinDeposits.length > 0) return params.bidMinDeposits;
    return params?.bidMinDeposit ? [params.bidMinDeposit] : [];
  }

  async provider(owner: string): Promise<Provider | undefined> {
    const res = await this.call(
      "/akash.provider.v1beta4.Query/Provider",
      QueryProviderRequest,
      QueryProviderResponse,
      { owner },
    );
    return res.provider;
  }

  /** Attributes signed for `owner` by each auditor. */
  async auditedAttributes(owner: string): Promise<AuditedProvider[]> {
    const res = await this.call(
      "/akash.audit.v1.Query/ProviderAttributes",
      QueryProviderAttributesRequest,
      AuditedProvidersResponse,
      { owner, pagination: PAGE },
    );
    return res.providers;
  }

  /** The owner's certificate with this serial (decimal), only if its state is `valid`. */
  async validCertificate(owner: string, serial: string): Promise<OnChainCertificate | undefined> {
    const res = await this.call(
      "/akash.cert.v1.Query/Certificates",
      QueryCertificatesRequest,
      QueryCertificatesResponse,
      {
        filter: { owner, serial, state: "valid" },
        pagination: PAGE,
      },
    );
    const found = res.certificates.find((c) => c.serial === serial)?.certificate;
    // state 1 = valid (akash.cert.v1.State)
    if (found === undefined || found.state !== 1) return undefined;
    return { cert: text.decode(found.cert), pubkey: text.decode(found.pubkey) };
  }

  /** The account's compressed secp256k1 public key, or undefined if the account is unknown or never signed. */
  async accountPubkey(address: string): Promise<Uint8Array | undefined> {
    let res: QueryAccountResponse;
    try {
      res = await this.call("/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest, QueryAccountResponse, {
        address,
      });
    } catch (error) {
      if (/NotFound|not found/i.test(error instanceof Error ? error.message : String(error)))
        return undefined;
      throw error;
    }
    const any = res.account;
    if (any === undefined || any.typeUrl !== "/cosmos.auth.v1beta1.BaseAccount") return undefined;
    const pub = BaseAccount.decode(any.value).pubKey;
    if (pub === undefined || pub.typeUrl !== "/cosmos.crypto.secp256k1.PubKey") return undefined;
    return Secp256k1PubKey.decode(pub.value).key;
  }
}
