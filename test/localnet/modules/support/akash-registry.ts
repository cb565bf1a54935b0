/** A cosmjs Registry with the Akash msg types from chain-sdk, as a real client would build it. */
import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
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

export function akashRegistry(): Registry {
  return new Registry([
    ...defaultRegistryTypes,
    ...types.map((t) => [`/${t.$type}`, t as unknown as GeneratedType] as [string, GeneratedType]),
  ]);
}
