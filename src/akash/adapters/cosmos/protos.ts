/**
 * chain-sdk's generated protobuf codecs, loaded on first use. Loading them costs ~0.5 s, and Terraform starts the
 * provider process several times per apply, often without needing the chain (validate, plan of data-only configs).
 */
export type AkashV1beta4 = typeof import("@akashnetwork/chain-sdk/private-types/akash.v1beta4");
export type AkashV1beta5 = typeof import("@akashnetwork/chain-sdk/private-types/akash.v1beta5");
export type AkashV1 = typeof import("@akashnetwork/chain-sdk/private-types/akash.v1");
export type CosmosV1beta1 = typeof import("@akashnetwork/chain-sdk/private-types/cosmos.v1beta1");
export type CosmosSecp256k1 = typeof import("@akashnetwork/chain-sdk/private-types/cosmos.secp256k1");

export interface Protos {
  v1beta4: AkashV1beta4;
  v1beta5: AkashV1beta5;
  v1: AkashV1;
  cosmos: CosmosV1beta1;
  secp256k1: CosmosSecp256k1;
}

let loading: Promise<Protos> | undefined;

export function loadProtos(): Promise<Protos> {
  loading ??= Promise.all([
    import("@akashnetwork/chain-sdk/private-types/akash.v1beta4"),
    import("@akashnetwork/chain-sdk/private-types/akash.v1beta5"),
    import("@akashnetwork/chain-sdk/private-types/akash.v1"),
    import("@akashnetwork/chain-sdk/private-types/cosmos.v1beta1"),
    import("@akashnetwork/chain-sdk/private-types/cosmos.secp256k1"),
  ]).then(([v1beta4, v1beta5, v1, cosmos, secp256k1]) => ({ v1beta4, v1beta5, v1, cosmos, secp256k1 }));
  return loading;
}
