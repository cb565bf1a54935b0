/**
 * runTx: one tx through decode → validate-basic → ante → msgs, with the SDK's state rules per mode (§2.5):
 * CheckTx keeps only ante writes; FinalizeBlock keeps nothing if ante fails, keeps fee + sequence if a msg fails;
 * Simulate runs everything on a throwaway branch.
 */
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { Any } from "cosmjs-types/google/protobuf/any";
import { createContext, type CoreContext } from "../context";
import { sdkError, toChainError, wrapError } from "../errors";
import { BasicGasMeter, OutOfGasError, outOfGasChainError } from "../gas";
import type { ChainError, ChainEvent, ModuleRegistry, MsgHandler } from "../module";
import type { BranchableStore } from "../store";
import { runAnte, signersOf, type ExecMode } from "./ante";
import { decodeTx, type DecodedTx } from "./decode";

export interface TxEnv {
  chainId: string;
  /** Height of the block the tx runs in (CheckTx: the next block). */
  height: bigint;
  time: Date;
  registry: ModuleRegistry;
  lookup(typeUrl: string): MsgHandler<unknown> | undefined;
  trustSignatures: boolean;
}

export interface TxResult {
  code: number;
  codespace: string;
  log: string;
  gasWanted: bigint;
  gasUsed: bigint;
  events: ChainEvent[];
  /** Encoded TxMsgData (success only). */
  data?: Uint8Array;
  msgResponses: Any[];
  /** Decoded tx, when decoding succeeded (for indexing: signers, memo...). */
  tx?: DecodedTx;
}

function failure(
  err: ChainError,
  gasWanted: bigint,
  gasUsed: bigint,
  events: ChainEvent[],
  tx?: DecodedTx,
): TxResult {
  return {
    code: err.code,
    codespace: err.codespace,
    log: err.log,
    gasWanted,
    gasUsed,
    events,
    msgResponses: [],
    tx,
  };
}

function asChainError(err: unknown, gas: BasicGasMeter, wanted: bigint): ChainError {
  if (err instanceof OutOfGasError) return outOfGasChainError(err, Number(wanted), gas.used());
  return toChainError(err);
}

/** `module` attribute of the message event: second dot-segment of the type URL (cosmos.bank.v1beta1 → bank). */
function moduleOfTypeUrl(typeUrl: string): string {
  return typeUrl.replace(/^\//, "").split(".")[1] ?? "";
}

export function runTx(env: TxEnv, mode: ExecMode, bytes: Uint8Array, base: BranchableStore): TxResult {
  let tx: DecodedTx;
  try {
    tx = decodeTx(bytes, env.lookup);
  } catch (e) {
    return failure(toChainError(e), 0n, 0n, []);
  }
  const gasWanted = tx.authInfo.fee?.gasLimit ?? 0n;
  const simulate = mode === "simulate";
  const gas = new BasicGasMeter(simulate || env.height === 0n ? undefined : Number(gasWanted));

  // validateBasicTxMsgs
  let signers: string[];
  try {
    if (tx.msgs.length === 0) throw sdkError(18, "must contain at least one message");
    for (const m of tx.msgs) m.handler.validateBasic?.(m.msg);
    signers = signersOf(tx);
  } catch (e) {
    return failure(toChainError(e), gasWanted, 0n, [], tx);
  }

  const anteEvents: ChainEvent[] = [];
  const anteStore = base.branch();
  const anteCtx: CoreContext = createContext({
    chainId: env.chainId,
    height: env.height,
    time: env.time,
    store: anteStore,
    gas,
    registry: env.registry,
    emit: (e) => anteEvents.push(e),
  });
  try {
    runAnte(anteCtx, tx, signers, { mode, chainId: env.chainId, trustSignatures: env.trustSignatures });
  } catch (e) {
    return failure(asChainError(e, gas, gasWanted), gasWanted, BigInt(gas.used()), [], tx);
  }
  anteStore.write();
  if (mode === "check" || mode === "recheck") {
    return {
      code: 0,
      codespace: "",
      log: "",
      gasWanted,
      gasUsed: BigInt(gas.used()),
      events: anteEvents,
      msgResponses: [],
      tx,
    };
  }

  const msgStore = base.branch();
  let executed: ExecutedMsgs;
  try {
    executed = runMsgs(env, tx, msgStore, gas);
  } catch (e) {
    return failure(asChainError(e, gas, gasWanted), gasWanted, BigInt(gas.used()), anteEvents, tx);
  }
  const { events: msgEvents, responses } = executed;
  msgStore.write();
  return {
    code: 0,
    codespace: "",
    log: "",
    gasWanted,
    gasUsed: BigInt(gas.used()),
    events: [...anteEvents, ...msgEvents],
    data: TxMsgData.encode({ data: [], msgResponses: responses }).finish(),
    msgResponses: responses,
    tx,
  };
}

interface ExecutedMsgs {
  events: ChainEvent[];
  responses: Any[];
}

/** Runs the msgs in order on `store`; the first failure throws (and the caller discards the branch). */
function runMsgs(env: TxEnv, tx: DecodedTx, store: BranchableStore, gas: BasicGasMeter): ExecutedMsgs {
  const executed: ExecutedMsgs = { events: [], responses: [] };
  tx.msgs.forEach((m, index) => {
    const { events, response } = runMsg(env, m, index, { store, gas });
    executed.events.push(...events);
    executed.responses.push(Any.fromPartial(response));
  });
  return executed;
}

/** One msg: its handler's events and the SDK's `message` event before them, each tagged with `msg_index`. */
function runMsg(
  env: TxEnv,
  m: DecodedTx["msgs"][number],
  index: number,
  state: { store: BranchableStore; gas: BasicGasMeter },
): { events: ChainEvent[]; response: { typeUrl: string; value: Uint8Array } } {
  const msgIndex = String(index);
  const withIndex = (e: ChainEvent): ChainEvent => ({
    type: e.type,
    attributes: [...e.attributes, { key: "msg_index", value: msgIndex }],
  });
  const handlerEvents: ChainEvent[] = [];
  const ctx = createContext({
    chainId: env.chainId,
    height: env.height,
    time: env.time,
    store: state.store,
    gas: state.gas,
    registry: env.registry,
    emit: (e) => handlerEvents.push(withIndex(e)),
  });
  let response: { typeUrl: string; value: Uint8Array };
  try {
    response = m.handler.handle(ctx, m.msg);
  } catch (e) {
    if (e instanceof OutOfGasError) throw e;
    throw wrapError(toChainError(e), `failed to execute message; message index: ${index}`);
  }
  const sender = m.handler.signers(m.msg)[0];
  const messageEvent = withIndex({
    type: "message",
    attributes: [
      { key: "action", value: m.typeUrl },
      ...(sender !== undefined ? [{ key: "sender", value: sender }] : []),
      { key: "module", value: moduleOfTypeUrl(m.typeUrl) },
    ],
  });
  return { events: [messageEvent, ...handlerEvents], response };
}
