/**
 * Provider registry (akash.provider.v1beta4): providers announce their gateway URI and attributes; bids are
 * matched against these attributes. Registered at genesis for the localnet's own providers.
 */
import {
  EventProviderCreated,
  EventProviderUpdated,
  MsgCreateProvider,
  MsgCreateProviderResponse,
  MsgDeleteProvider,
  MsgDeleteProviderResponse,
  MsgUpdateProvider,
  MsgUpdateProviderResponse,
  Provider,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryProvidersRequest,
  QueryProvidersResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { Attribute } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainModule, KVStore, MsgContext, QueryContext } from "../../../module";
import { isAccountAddress } from "../shared/address";
import { copyAttributes, validateAttributes } from "../shared/attributes";
import { registered, sdkErrors, wrapped } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { moduleStore } from "../shared/module-store";
import { paginate } from "../shared/pagination";
import { ChainError } from "../../../module";

export const PROVIDER_MODULE = "provider";

/** Genesis part: `modules.provider`. */
export interface ProviderGenesis {
  providers: {
    owner: string;
    hostUri: string;
    attributes: Attribute[];
    info?: { email?: string; website?: string };
  }[];
}

export interface ProviderRecord {
  owner: string;
  hostUri: string;
  attributes: Attribute[];
  info: { email: string; website: string };
}

const providerKey = (owner: string) => `p/${owner}`;

const errInvalidHostUri = registered("provider", 1, "invalid provider: invalid host uri");
const errNotAbsoluteUri = registered("provider", 2, "invalid provider: not absolute host uri");
const errNotFound = registered("provider", 3, "invalid provider: address not found");
const errExists = registered("provider", 4, "invalid provider: already exists");
const errInvalidWebsite = registered("provider", 8, "invalid provider: invalid info website");

/** Reads a provider (used by market for bid placement checks). */
export function getProvider(ctx: MsgContext | QueryContext, owner: string): ProviderRecord | undefined {
  return moduleStore(ctx, PROVIDER_MODULE).get<ProviderRecord>(providerKey(owner));
}

function validateHostUri(uri: string): void {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw wrapped(errNotAbsoluteUri, `parse "${uri}"`);
  }
  if (parsed.protocol !== "https:") throw wrapped(errInvalidHostUri, `scheme in "${uri}" should be https`);
  const afterAuthority = uri.slice(uri.indexOf("//") + 2);
  const pathStart = afterAuthority.search(/[/?#]/);
  if (pathStart >= 0) throw wrapped(errInvalidHostUri, `path in "${uri}" should be empty`);
}

function validateInfo(info: { website: string } | undefined): void {
  if (!info || info.website === "") return;
  try {
    new URL(info.website);
  } catch {
    throw errInvalidWebsite;
  }
}

function validateProviderMsg(msg: MsgCreateProvider | MsgUpdateProvider, label: string): void {
  if (!isAccountAddress(msg.owner)) throw sdkErrors.invalidAddress(`${label}: Invalid Provider Address`);
  validateHostUri(msg.hostUri);
  validateAttributes(msg.attributes);
  validateInfo(msg.info);
}

function toRecord(msg: {
  owner: string;
  hostUri: string;
  attributes: readonly Attribute[];
  info?: { email?: string; website?: string };
}): ProviderRecord {
  return {
    owner: msg.owner,
    hostUri: msg.hostUri,
    attributes: copyAttributes(msg.attributes),
    info: { email: msg.info?.email ?? "", website: msg.info?.website ?? "" },
  };
}

function saveProvider(store: KVStore, record: ProviderRecord): void {
  store.set(providerKey(record.owner), record);
}

const toProto = (record: ProviderRecord): Provider => Provider.fromPartial(record);

export function providerModule(): ChainModule {
  return {
    name: PROVIDER_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgCreateProvider,
        response: MsgCreateProviderResponse,
        signers: (msg) => [msg.owner],
        validateBasic: (msg) => validateProviderMsg(msg, "MsgCreate"),
        handle(ctx, msg) {
          const store = moduleStore(ctx, PROVIDER_MODULE);
          if (store.has(providerKey(msg.owner))) throw wrapped(errExists, `id: ${msg.owner}`);
          saveProvider(store, toRecord(msg));
          ctx.emitTyped(EventProviderCreated.$type, { owner: msg.owner });
          return {};
        },
      }),
      defineMsg({
        codec: MsgUpdateProvider,
        response: MsgUpdateProviderResponse,
        signers: (msg) => [msg.owner],
        validateBasic: (msg) => validateProviderMsg(msg, "MsgUpdate"),
        handle(ctx, msg) {
          const store = moduleStore(ctx, PROVIDER_MODULE);
          if (!store.has(providerKey(msg.owner))) throw wrapped(errNotFound, `id: ${msg.owner}`);
          saveProvider(store, toRecord(msg));
          ctx.emitTyped(EventProviderUpdated.$type, { owner: msg.owner });
          return {};
        },
      }),
      defineMsg({
        codec: MsgDeleteProvider,
        response: MsgDeleteProviderResponse,
        signers: (msg) => [msg.owner],
        validateBasic: (msg) => {
          if (!isAccountAddress(msg.owner))
            throw sdkErrors.invalidAddress("MsgDelete: Invalid Provider Address");
        },
        handle() {
          // Mainnet has never implemented provider deletion.
          throw new ChainError("provider", 10, "NOTIMPLEMENTED: internal error");
        },
      }),
    ]),
    queries: {
      "/akash.provider.v1beta4.Query/Providers"(ctx, request) {
        const req = QueryProvidersRequest.decode(request);
        const page = paginate(
          ctx.storeOf(PROVIDER_MODULE).iterate<ProviderRecord>("p/"),
          req.pagination,
          (_k, v) => toProto(v),
        );
        return QueryProvidersResponse.encode({ providers: page.items, pagination: page.pagination }).finish();
      },
      "/akash.provider.v1beta4.Query/Provider"(ctx, request) {
        const req = QueryProviderRequest.decode(request);
        if (!isAccountAddress(req.owner))
          throw new ChainError("sdk", 18, "invalid address", "InvalidArgument");
        const record = getProvider(ctx, req.owner);
        if (!record) throw new ChainError("provider", 3, "invalid provider: address not found", "NotFound");
        return QueryProviderResponse.encode({ provider: toProto(record) }).finish();
      },
    },
    initGenesis(ctx, genesis) {
      const store = ctx.storeOf(PROVIDER_MODULE);
      for (const provider of (genesis as ProviderGenesis | undefined)?.providers ?? []) {
        saveProvider(store, toRecord(provider));
      }
    },
  };
}
