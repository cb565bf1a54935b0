/**
 * cosmjs clients that speak the v2.1 fields (reclamation) through the localnet's own codecs, plus raw ABCI
 * answers for reading them back (chain-sdk 1.0.0-alpha.25 drops them when decoding).
 */
import type { GeneratedType } from "@cosmjs/proto-signing";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { QueryClient, type SigningStargateClient } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { toHex } from "@cosmjs/encoding";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import {
  MsgCreateBidV21,
  MsgCreateDeploymentV21,
  MsgLeaseStartReclaim,
} from "../../../../src/localnet/chain/modules/akash/v21/messages";
import { connectAkashClient } from "../../../support/akash-client";

export const V21_TYPES: [string, GeneratedType][] = [
  ["/akash.deployment.v1beta4.MsgCreateDeployment", MsgCreateDeploymentV21 as unknown as GeneratedType],
  ["/akash.market.v1beta5.MsgCreateBid", MsgCreateBidV21 as unknown as GeneratedType],
  ["/akash.market.v1beta5.MsgLeaseStartReclaim", MsgLeaseStartReclaim as unknown as GeneratedType],
];

/** A signing client for `mnemonic` whose registry encodes the v2.1 fields. */
export async function v21Client(rpcUrl: string, mnemonic: string): Promise<SigningStargateClient> {
  const { client } = await connectAkashClient(rpcUrl, mnemonic, 50);
  for (const [url, type] of V21_TYPES) client.registry.register(url, type);
  return client;
}

export interface BlockOutcome {
  code: number;
  codespace: string;
  log: string;
  height: number;
  events: { type: string; attributes: { key: string; value: string }[] }[];
}

/** Signs with a fixed fee (no simulation, so a failing msg still lands in a block) and reads the block result. */
export async function deliver(
  comet: CometClient,
  client: SigningStargateClient,
  signer: string,
  msgs: EncodeObject[],
): Promise<BlockOutcome> {
  const result = await client.signAndBroadcast(signer, msgs, FEE);
  const tx = await comet.tx({ hash: Uint8Array.from(Buffer.from(result.transactionHash, "hex")) });
  return {
    code: tx.result.code,
    codespace: tx.result.codespace ?? "",
    log: tx.result.log ?? "",
    height: tx.height,
    events: result.events.map((e) => ({
      type: e.type,
      attributes: e.attributes.map((a) => ({ key: a.key, value: a.value })),
    })),
  };
}

export const hashHex = (hash: Uint8Array) => toHex(hash).toUpperCase();

const FEE = { amount: [{ denom: "uakt", amount: "50000" }], gas: "2000000" };

/** Signs and sends with broadcast_tx_sync only: what CheckTx answers (ValidateBasic failures stop there). */
export async function checkTx(
  comet: CometClient,
  client: SigningStargateClient,
  signer: string,
  msgs: EncodeObject[],
): Promise<{ code: number; codespace: string; log: string }> {
  const signed = await client.sign(signer, msgs, FEE, "");
  const result = await comet.broadcastTxSync({ tx: TxRaw.encode(signed).finish() });
  return { code: result.code, codespace: result.codespace ?? "", log: result.log ?? "" };
}

/** Raw ABCI answers (the v21 readers decode the fields chain-sdk drops). */
export async function rawQuerier(rpcUrl: string): Promise<{
  comet: CometClient;
  raw(path: string, request: Uint8Array): Promise<Uint8Array>;
}> {
  const comet = await connectComet(rpcUrl);
  const query = new QueryClient(comet);
  return { comet, raw: async (path, request) => (await query.queryAbci(path, request)).value };
}

export const seconds = (s: number): bigint => BigInt(Math.round(s * 1e9));
