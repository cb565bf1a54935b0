/** cosmjs set up for Akash as a real client would: chain-sdk's msg types registered, fees paid in uakt. */
import { DirectSecp256k1HdWallet, Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import * as v1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";

const types = [
  v1beta4.MsgCreateDeployment,
  v1beta4.MsgUpdateDeployment,
  v1beta4.MsgCloseDeployment,
  v1beta4.MsgCloseGroup,
  v1beta4.MsgPauseGroup,
  v1beta4.MsgStartGroup,
  v1beta4.MsgCreateProvider,
  v1beta4.MsgUpdateProvider,
  v1beta5.MsgCreateBid,
  v1beta5.MsgCloseBid,
  v1beta5.MsgCreateLease,
  v1beta5.MsgCloseLease,
  v1beta5.MsgWithdrawLease,
  v1.MsgAccountDeposit,
  v1.MsgCreateCertificate,
  v1.MsgRevokeCertificate,
  v1.MsgMintACT,
  v1.MsgBurnACT,
  v1.MsgSignProviderAttributes,
];

/** A cosmjs Registry with the Akash msg types from chain-sdk. */
export function akashRegistry(): Registry {
  return new Registry([
    ...defaultRegistryTypes,
    ...types.map((t) => [`/${t.$type}`, t as unknown as GeneratedType] as [string, GeneratedType]),
  ]);
}

/** A signing client for `mnemonic`'s account at `rpcUrl`, polling every `pollMs` for broadcast results. */
export async function connectAkashClient(
  rpcUrl: string,
  mnemonic: string,
  pollMs: number,
): Promise<{ client: SigningStargateClient; address: string }> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  const [account] = await wallet.getAccounts();
  const client = await SigningStargateClient.connectWithSigner(rpcUrl, wallet, {
    registry: akashRegistry(),
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: pollMs,
  });
  return { client, address: account!.address };
}
