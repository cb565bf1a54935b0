/** The escrow chain module: MsgAccountDeposit and the Accounts/Payments queries over `EscrowKeeper`. */
import {
  MsgAccountDeposit,
  MsgAccountDepositResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryPaymentsRequest,
  QueryPaymentsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainModule, KVStore } from "../../../module";
import { isAccountAddress } from "../shared/address";
import { invalidArgument, registered, sdkErrors } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { paginate } from "../shared/pagination";
import { validateDepositSources } from "./deposit-rules";
import { ESCROW_MODULE, EscrowKeeper, escrowErrors, escrowKeys, type EscrowHooks } from "./keeper";
import {
  Scope,
  accountToProto,
  escrowStateNames,
  paymentToProto,
  type AccountRecord,
  type PaymentRecord,
  type ScopeValue,
} from "./records";

export interface EscrowModule extends ChainModule {
  keeper: EscrowKeeper;
}

/** Denoms an escrow account may be topped up with (uakt is allowed here, unlike on deployment create). */
const DEPOSIT_DENOMS = new Set(["uact", "uakt"]);

const errInvalidId = (text: string) => registered("escrow", 12, `${text}: invalid ID`);
const errInvalidDeposit = registered("escrow", 16, "invalid deposit");

function validateXid(scope: number, xid: string): void {
  const parts = xid.split("/");
  if (scope === Scope.deployment) {
    const [owner, dseq] = parts;
    if (parts.length !== 2 || !owner || !isAccountAddress(owner) || !dseq || !/^[1-9]\d*$/.test(dseq)) {
      throw errInvalidId("invalid xid format");
    }
  } else if (scope === Scope.bid) {
    if (parts.length !== 5 || !isAccountAddress(parts[0] ?? "") || !isAccountAddress(parts[4] ?? "")) {
      throw errInvalidId("invalid xid format");
    }
  } else {
    throw errInvalidId("invalid scope");
  }
}

function parseState(state: string): number | undefined {
  if (state === "") return undefined;
  const value = escrowStateNames[state];
  if (value === undefined) throw invalidArgument("invalid state value");
  return value;
}

/** Entries of an xid-prefix scan across both scopes, or of one state index. */
function* accountEntries(
  store: KVStore,
  state: number | undefined,
  xid: string,
): Generator<[string, AccountRecord]> {
  if (state !== undefined) {
    for (const [key] of store.iterate<true>(`as/${state}/`)) {
      const [, , scope, ...rest] = key.split("/");
      const id = { scope: Number(scope) as ScopeValue, xid: rest.join("/") };
      if (!id.xid.startsWith(xid)) continue;
      const account = store.get<AccountRecord>(escrowKeys.accountKey(id));
      if (account) yield [key, account];
    }
    return;
  }
  for (const scope of [Scope.deployment, Scope.bid]) yield* store.iterate<AccountRecord>(`a/${scope}/${xid}`);
}

function* paymentEntries(
  store: KVStore,
  state: number | undefined,
  xid: string,
): Generator<[string, PaymentRecord]> {
  for (const scope of [Scope.deployment, Scope.bid]) {
    for (const [key, payment] of store.iterate<PaymentRecord>(`p/${scope}/${xid}`)) {
      if (state === undefined || payment.state === state) yield [key, payment];
    }
  }
}

export function escrowModule(hooks: EscrowHooks): EscrowModule {
  const keeper = new EscrowKeeper(() => hooks);
  return {
    name: ESCROW_MODULE,
    keeper,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgAccountDeposit,
        response: MsgAccountDepositResponse,
        signers: (msg) => [msg.signer],
        validateBasic(msg) {
          if (!isAccountAddress(msg.signer))
            throw sdkErrors.invalidAddress("MsgAccountDeposit: Invalid Signer Address");
          if (!msg.id) throw errInvalidId("invalid scope");
          validateXid(msg.id.scope, msg.id.xid);
          const amount = msg.deposit?.amount;
          if (!amount || !/^\d+$/.test(amount.amount) || BigInt(amount.amount) === 0n)
            throw errInvalidDeposit;
          validateDepositSources(msg.deposit?.sources ?? []);
        },
        handle(ctx, msg) {
          const id = { scope: msg.id?.scope as ScopeValue, xid: msg.id?.xid ?? "" };
          const account = keeper.getAccount(ctx, id);
          if (!account) throw escrowErrors.accountNotFound;
          if (account.state === 2) throw escrowErrors.accountClosed;
          const coin = msg.deposit?.amount ?? { denom: "", amount: "0" };
          if (!DEPOSIT_DENOMS.has(coin.denom)) throw escrowErrors.invalidDenomination;
          const depositors = keeper.authorizeDeposits(
            ctx,
            msg.signer,
            { denom: coin.denom, amount: BigInt(coin.amount), sources: msg.deposit?.sources ?? [] },
            id.scope,
          );
          keeper.accountDeposit(ctx, id, depositors);
          return {};
        },
      }),
    ]),
    queries: {
      "/akash.escrow.v1.Query/Accounts"(ctx, request) {
        const req = QueryAccountsRequest.decode(request);
        const state = parseState(req.state);
        const page = paginate(
          accountEntries(ctx.storeOf(ESCROW_MODULE), state, req.xid),
          req.pagination,
          (_k, v) => accountToProto(v),
        );
        return QueryAccountsResponse.encode({ accounts: page.items, pagination: page.pagination }).finish();
      },
      "/akash.escrow.v1.Query/Payments"(ctx, request) {
        const req = QueryPaymentsRequest.decode(request);
        const state = parseState(req.state);
        const page = paginate(
          paymentEntries(ctx.storeOf(ESCROW_MODULE), state, req.xid),
          req.pagination,
          (_k, v) => paymentToProto(v),
        );
        return QueryPaymentsResponse.encode({ payments: page.items, pagination: page.pagination }).finish();
      },
    },
  };
}
