/**
 * One gRPC-over-ABCI query with chain-sdk's generated codecs: encode the request, decode the answer (also handing
 * back its raw bytes, for the chain v2.1 fields chain-sdk drops), turn chain failures into ChainErrors, and walk
 * every page of a list query.
 */
import { AbciQueryError, abciQuery } from "../abci-query";
import { loadProtos, type Protos } from "../protos";
import type { CometRpcClient } from "../rpc-client";

export interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: never): T;
}

interface Page {
  pagination?: { nextKey: Uint8Array } | undefined;
}

export type RequestOf<Req> = (p: Protos) => [Codec<Req>, object];
export type ResponseOf<Res> = (p: Protos) => Codec<Res>;

/** A decoded answer and the bytes it came from. */
export interface Answer<Res> {
  value: Res;
  bytes: Uint8Array;
}

const PAGE_LIMIT = 1000;

export class QueryRunner {
  constructor(readonly rpc: CometRpcClient) {}

  private async raw<Req, Res>(
    path: string,
    request: RequestOf<Req>,
    response: ResponseOf<Res>,
  ): Promise<Answer<Res>> {
    const protos = await loadProtos();
    const [reqCodec, value] = request(protos);
    const bytes = await abciQuery(
      this.rpc,
      path,
      reqCodec.encode(reqCodec.fromPartial(value as never)).finish(),
    );
    return { value: response(protos).decode(bytes), bytes };
  }

  /** One query; chain errors (including "not found") become ChainErrors. */
  async fetch<Req, Res>(
    path: string,
    request: RequestOf<Req>,
    response: ResponseOf<Res>,
  ): Promise<Answer<Res>> {
    try {
      return await this.raw(path, request, response);
    } catch (error) {
      throw error instanceof AbciQueryError ? error.toChainError() : error;
    }
  }

  async query<Req, Res>(path: string, request: RequestOf<Req>, response: ResponseOf<Res>): Promise<Res> {
    return (await this.fetch(path, request, response)).value;
  }

  /** Like `fetch`, but undefined when the chain says "not found". */
  async lookup<Req, Res>(
    path: string,
    request: RequestOf<Req>,
    response: ResponseOf<Res>,
  ): Promise<Answer<Res> | undefined> {
    try {
      return await this.raw(path, request, response);
    } catch (error) {
      if (error instanceof AbciQueryError) {
        if (error.notFound) return undefined;
        throw error.toChainError();
      }
      throw error;
    }
  }

  /** Every page of a list query; `items` sees each decoded page and its bytes. */
  async list<Req, Res extends Page, Item>(
    path: string,
    request: (p: Protos) => Codec<Req>,
    value: object,
    response: ResponseOf<Res>,
    items: (res: Res, bytes: Uint8Array) => Item[],
  ): Promise<Item[]> {
    const out: Item[] = [];
    let key: Uint8Array = new Uint8Array();
    for (;;) {
      const page = await this.fetch(
        path,
        (p) => [request(p), { ...value, pagination: { key, limit: PAGE_LIMIT } }],
        response,
      );
      out.push(...items(page.value, page.bytes));
      const next = page.value.pagination?.nextKey;
      if (!next || next.length === 0) return out;
      key = next;
    }
  }
}
