/** cosmos.base.query.v1beta1 pagination over an already ordered list (offset/limit and opaque next_key). */
import type { PageRequest, PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";

const DEFAULT_LIMIT = 100n;

export function paginate<T>(
  all: T[],
  request: PageRequest | undefined,
): { items: T[]; response: PageResponse } {
  let start = 0;
  if (request?.key && request.key.length > 0) {
    start = Number(new TextDecoder().decode(request.key));
  } else if (request?.offset) {
    start = Number(request.offset);
  }
  const limit = Number(request?.limit && request.limit > 0n ? request.limit : DEFAULT_LIMIT);
  const ordered = request?.reverse ? [...all].reverse() : all;
  const items = ordered.slice(start, start + limit);
  const end = start + items.length;
  return {
    items,
    response: {
      nextKey: end < ordered.length ? new TextEncoder().encode(String(end)) : new Uint8Array(),
      total: request?.countTotal ? BigInt(all.length) : 0n,
    },
  };
}
