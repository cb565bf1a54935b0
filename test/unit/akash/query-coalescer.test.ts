import { Batcher, QueryCache } from "../../../src/akash/adapters/cosmos/query-coalescer";

test("identical queries share one request while in flight and for the TTL", async () => {
  let now = 0;
  const cache = new QueryCache(1000, () => now);
  let calls = 0;
  const load = async () => ++calls;
  const [a, b] = await Promise.all([cache.shared("k", load), cache.shared("k", load)]);
  expect([a, b, calls]).toEqual([1, 1, 1]);
  now = 999;
  expect(await cache.shared("k", load)).toBe(1);
  now = 1001;
  expect(await cache.shared("k", load)).toBe(2);
  cache.clear();
  expect(await cache.shared("k", load)).toBe(3);
});

test("failures are not cached", async () => {
  const cache = new QueryCache(1000);
  await expect(cache.shared("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
  expect(await cache.shared("k", async () => "up")).toBe("up");
});

test("a result loaded before clear() is not kept", async () => {
  const cache = new QueryCache(1000);
  let release!: (v: string) => void;
  const pending = cache.shared("k", () => new Promise<string>((r) => (release = r)));
  cache.clear();
  release("old");
  await pending;
  expect(await cache.shared("k", async () => "new")).toBe("new");
});

test("requests of one group within the window are answered by one call", async () => {
  const runs: [string, number[]][] = [];
  const batcher = new Batcher<number, number>(5, async (group, requests) => {
    runs.push([group, requests]);
    return requests.map((r) => r * 10);
  });
  const results = await Promise.all([
    batcher.request("alice", 1),
    batcher.request("alice", 2),
    batcher.request("bob", 3),
    batcher.request("alice", 4),
  ]);
  expect(results).toEqual([10, 20, 30, 40]);
  expect(runs).toEqual([
    ["alice", [1, 2, 4]],
    ["bob", [3]],
  ]);
});
