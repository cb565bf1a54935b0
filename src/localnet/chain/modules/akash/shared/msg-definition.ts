/**
 * Builds a core `MsgHandler` from a chain-sdk generated message type, so each module only writes its rules:
 * signers, stateless checks and the state transition. The response is encoded with its own generated type.
 */
import type { MsgContext, MsgHandler } from "../../../module";

/** The part of chain-sdk's generated `MessageFns` that modules use. */
export interface ProtoCodec<T> {
  readonly $type: string;
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  toJSON(message: T): unknown;
}

export interface MsgDefinition<M, R> {
  codec: ProtoCodec<M>;
  response: ProtoCodec<R>;
  /** The proto `amino.name` option; Akash deployment/market/escrow/cert msgs have none, so the type URL is used. */
  aminoName?: string;
  signers(msg: M): string[];
  validateBasic?(msg: M): void;
  handle(ctx: MsgContext, msg: M): R;
}

export function typeUrlOf(codec: { readonly $type: string }): string {
  return `/${codec.$type}`;
}

export function defineMsg<M, R>(definition: MsgDefinition<M, R>): [string, MsgHandler<M>] {
  const handler: MsgHandler<M> = {
    decode: (bytes) => definition.codec.decode(bytes),
    toAmino: (msg) => ({
      type: definition.aminoName ?? typeUrlOf(definition.codec),
      value: toAminoJson(definition.codec.toJSON(msg)),
    }),
    signers: (msg) => definition.signers(msg),
    validateBasic: definition.validateBasic ? (msg) => definition.validateBasic?.(msg) : undefined,
    handle: (ctx, msg) => {
      const response = definition.handle(ctx, msg);
      return {
        typeUrl: typeUrlOf(definition.response),
        value: definition.response.encode(response).finish(),
      };
    },
  };
  return [typeUrlOf(definition.codec), handler];
}

/**
 * Amino JSON uses the proto field names (snake_case) and omits empty values; chain-sdk's `toJSON` gives
 * camelCase with defaults already omitted, so renaming keys is enough for the sign-bytes.
 */
function toAminoJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toAminoJson);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = toAminoJson(inner);
  }
  return out;
}
