/** cosmos.bank.v1beta1.Query: balances, spendable balances, supply, params, send-enabled and denom metadata. */
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomsMetadataResponse,
  QueryParamsResponse,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import type { Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { isAddress } from "../../address";
import { toProtoCoins } from "../../coins";
import { queryError } from "../../errors";
import type { Coin, QueryContext, QueryHandler } from "../../module";
import { bankKeeper, SEND_DISABLED_DENOMS } from "./bank-keeper";
import { paginate } from "./pagination";

function queryAddress(address: string): void {
  if (address === "") throw queryError("InvalidArgument", "empty address string is not allowed");
  if (!isAddress(address)) throw queryError("InvalidArgument", `invalid address: ${address}`);
}

function pageOfCoins(coins: Coin[], pagination: Parameters<typeof paginate>[1]) {
  const page = paginate(coins, pagination);
  return { balances: toProtoCoins(page.items), pagination: page.response };
}

function balance(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryBalanceRequest.decode(data);
  queryAddress(req.address);
  if (req.denom === "") throw queryError("InvalidArgument", "invalid denom");
  const amount = ctx.bank.balance(req.address, req.denom);
  return QueryBalanceResponse.encode({
    balance: { denom: req.denom, amount: amount.toString() },
  }).finish();
}

function allBalances(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryAllBalancesRequest.decode(data);
  queryAddress(req.address);
  return QueryAllBalancesResponse.encode(
    pageOfCoins(ctx.bank.balances(req.address), req.pagination),
  ).finish();
}

/** No vesting or locked coins on the localnet: everything is spendable. */
function spendableBalances(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QuerySpendableBalancesRequest.decode(data);
  queryAddress(req.address);
  return QuerySpendableBalancesResponse.encode(
    pageOfCoins(ctx.bank.balances(req.address), req.pagination),
  ).finish();
}

function spendableBalanceByDenom(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QuerySpendableBalanceByDenomRequest.decode(data);
  queryAddress(req.address);
  const amount = ctx.bank.balance(req.address, req.denom);
  return QuerySpendableBalanceByDenomResponse.encode({
    balance: { denom: req.denom, amount: amount.toString() },
  }).finish();
}

function totalSupply(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryTotalSupplyRequest.decode(data);
  const page = paginate(bankKeeper(ctx).allSupply(), req.pagination);
  return QueryTotalSupplyResponse.encode({
    supply: toProtoCoins(page.items),
    pagination: page.response,
  }).finish();
}

function supplyOf(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const { denom } = QuerySupplyOfRequest.decode(data);
  const amount = bankKeeper(ctx).supply(denom);
  return QuerySupplyOfResponse.encode({ amount: { denom, amount: amount.toString() } }).finish();
}

function params(): Uint8Array {
  return QueryParamsResponse.encode({
    params: {
      sendEnabled: [...SEND_DISABLED_DENOMS].map((denom) => ({ denom, enabled: false })),
      defaultSendEnabled: true,
    },
  }).finish();
}

function sendEnabled(_ctx: QueryContext, data: Uint8Array): Uint8Array {
  const { denoms } = QuerySendEnabledRequest.decode(data);
  const listed = denoms.length > 0 ? denoms : [...SEND_DISABLED_DENOMS];
  return QuerySendEnabledResponse.encode({
    sendEnabled: listed.map((denom) => ({ denom, enabled: !SEND_DISABLED_DENOMS.has(denom) })),
  }).finish();
}

/** The two tokens of the chain, as the real chain's bank genesis describes them. */
const DENOMS_METADATA: Metadata[] = [
  {
    description: "The native staking and gas token of the Akash Network.",
    denomUnits: [
      { denom: "uakt", exponent: 0, aliases: ["microakt"] },
      { denom: "akt", exponent: 6, aliases: [] },
    ],
    base: "uakt",
    display: "akt",
    name: "Akash Token",
    symbol: "AKT",
    uri: "",
    uriHash: "",
  },
  {
    description: "Akash Compute Token, used to price and fund leases.",
    denomUnits: [
      { denom: "uact", exponent: 0, aliases: [] },
      { denom: "act", exponent: 6, aliases: [] },
    ],
    base: "uact",
    display: "act",
    name: "Akash Compute Token",
    symbol: "ACT",
    uri: "",
    uriHash: "",
  },
];

function denomsMetadata(): Uint8Array {
  return QueryDenomsMetadataResponse.encode({ metadatas: DENOMS_METADATA }).finish();
}

export const bankQueries: Record<string, QueryHandler> = {
  "/cosmos.bank.v1beta1.Query/Balance": balance,
  "/cosmos.bank.v1beta1.Query/AllBalances": allBalances,
  "/cosmos.bank.v1beta1.Query/SpendableBalances": spendableBalances,
  "/cosmos.bank.v1beta1.Query/SpendableBalanceByDenom": spendableBalanceByDenom,
  "/cosmos.bank.v1beta1.Query/TotalSupply": totalSupply,
  "/cosmos.bank.v1beta1.Query/SupplyOf": supplyOf,
  "/cosmos.bank.v1beta1.Query/Params": params,
  "/cosmos.bank.v1beta1.Query/SendEnabled": sendEnabled,
  "/cosmos.bank.v1beta1.Query/DenomsMetadata": denomsMetadata,
};
