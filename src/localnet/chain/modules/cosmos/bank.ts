/**
 * x/bank: balances, supply, MsgSend/MsgMultiSend and the Query service. Since Akash v2.0.0 `uact` has
 * SendEnabled=false: MsgSend refuses it, while module moves (escrow, BME) still work. The keeper is in
 * bank-keeper.ts, the queries in bank-queries.ts.
 */
import {
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgSend,
  MsgSendResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { requireAddress } from "../../address";
import { addCoins, formatCoins, parseCoins, validateCoins } from "../../coins";
import { moduleError, sdkError } from "../../errors";
import type { ChainModule, Coin, MsgContext, MsgHandler } from "../../module";
import { bankKeeper, SEND_DISABLED_DENOMS } from "./bank-keeper";
import { bankQueries } from "./bank-queries";

export function bankModule(): ChainModule {
  return {
    name: "bank",
    msgs: {
      "/cosmos.bank.v1beta1.MsgSend": sendMsg,
      "/cosmos.bank.v1beta1.MsgMultiSend": multiSendMsg,
    },
    queries: bankQueries,
  };
}

function requireSendEnabled(coins: Coin[]): void {
  for (const c of coins) {
    if (SEND_DISABLED_DENOMS.has(c.denom)) {
      throw moduleError(
        "bank",
        5,
        "send transactions are disabled",
        `${c.denom} transfers are currently disabled`,
      );
    }
  }
}

const sendMsg: MsgHandler<MsgSend> = {
  decode: (bytes) => MsgSend.decode(bytes),
  toAmino: (msg) => ({
    type: "cosmos-sdk/MsgSend",
    value: { from_address: msg.fromAddress, to_address: msg.toAddress, amount: msg.amount },
  }),
  signers: (msg) => [msg.fromAddress],
  validateBasic: (msg) => {
    requireAddress(msg.fromAddress, "from address");
    requireAddress(msg.toAddress, "to address");
    const coins = parseCoins(msg.amount);
    validateCoins(coins);
    if (coins.length === 0) throw sdkError(10, formatCoins(coins));
  },
  handle: handleSend,
};

function handleSend(ctx: MsgContext, msg: MsgSend): { typeUrl: string; value: Uint8Array } {
  const coins = parseCoins(msg.amount);
  requireSendEnabled(coins);
  bankKeeper(ctx).send(msg.fromAddress, msg.toAddress, coins);
  return {
    typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse",
    value: MsgSendResponse.encode({}).finish(),
  };
}

const multiSendMsg: MsgHandler<MsgMultiSend> = {
  decode: (bytes) => MsgMultiSend.decode(bytes),
  toAmino: (msg) => ({
    type: "cosmos-sdk/MsgMultiSend",
    value: {
      inputs: msg.inputs.map((i) => ({ address: i.address, coins: i.coins })),
      outputs: msg.outputs.map((o) => ({ address: o.address, coins: o.coins })),
    },
  }),
  signers: (msg) => msg.inputs.map((i) => i.address),
  validateBasic: validateMultiSend,
  handle: handleMultiSend,
};

/** One input (the SDK allows no more), at least one output, and the sums match. */
function validateMultiSend(msg: MsgMultiSend): void {
  if (msg.inputs.length === 0) throw moduleError("bank", 2, "no inputs to send transaction");
  if (msg.inputs.length > 1) throw moduleError("bank", 8, "multiple senders not allowed");
  if (msg.outputs.length === 0) throw moduleError("bank", 3, "no outputs to send transaction");
  let inSum: Coin[] = [];
  let outSum: Coin[] = [];
  for (const i of msg.inputs) {
    requireAddress(i.address, "input address");
    inSum = addCoins(inSum, parseCoins(i.coins));
  }
  for (const o of msg.outputs) {
    requireAddress(o.address, "output address");
    outSum = addCoins(outSum, parseCoins(o.coins));
  }
  if (formatCoins(inSum) !== formatCoins(outSum)) {
    throw moduleError("bank", 4, "sum inputs != sum outputs");
  }
}

function handleMultiSend(ctx: MsgContext, msg: MsgMultiSend): { typeUrl: string; value: Uint8Array } {
  const input = msg.inputs[0]!;
  const total = parseCoins(input.coins);
  requireSendEnabled(total);
  const keeper = bankKeeper(ctx);
  // The SDK debits the input once, then credits each output.
  const fromAddress = input.address;
  for (const output of msg.outputs) keeper.send(fromAddress, output.address, parseCoins(output.coins));
  return {
    typeUrl: "/cosmos.bank.v1beta1.MsgMultiSendResponse",
    value: MsgMultiSendResponse.encode({}).finish(),
  };
}
