/**
 * Cosmos `PageRequest` semantics over a prefix iteration: `key` resumes at a store key (opaque to clients),
 * `offset` skips, `limit` defaults to 100, `count_total` reports the number of matches. `next_key` is the
 * store key of the first item not returned.
 */
import { PageResponse, type PageRequest } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";

const DEFAULT_LIMIT = 100;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface Page<T> {
  items: T[];
  pagination: PageResponse;
}

/**
 * `entries` must be in ascending key order; `select` maps an entry to a result or undefined to filter it out.
 * Stops early when no total is requested.
 */
export function paginate<V, T>(
  entries: Iterable<[string, V]>,
  request: PageRequest | undefined,
  select: (key: string, value: V) => T | undefined,
): Page<T> {
  const resumeKey = request && request.key.length > 0 ? decoder.decode(request.key) : undefined;
  const offset = resumeKey === undefined && request ? Number(request.offset.toString()) : 0;
  const requestedLimit = request ? Number(request.limit.toString()) : 0;
  const limit = requestedLimit > 0 ? requestedLimit : DEFAULT_LIMIT;
  const countTotal = request?.countTotal === true && resumeKey === undefined;

  const items: T[] = [];
  let matched = 0;
  let nextKey: string | undefined;
  for (const [key, value] of entries) {
    if (resumeKey !== undefined && key < resumeKey) continue;
    const item = select(key, value);
    if (item === undefined) continue;
    matched++;
    if (matched <= offset) continue;
    if (items.length < limit) {
      items.push(item);
      continue;
    }
    if (nextKey === undefined) nextKey = key;
    if (!countTotal) break;
  }
  return {
    items,
    pagination: PageResponse.fromPartial({
      nextKey: nextKey === undefined ? new Uint8Array() : encoder.encode(nextKey),
      total: countTotal ? matched : 0,
    }),
  };
}
