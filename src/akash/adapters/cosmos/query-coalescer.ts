/**
 * Keeps chain reads during one Terraform operation O(1) in the number of resources.
 *
 * - `shared`: identical queries share one in-flight request and its result for `ttlMs`.
 * - `Batcher`: lookups of one group (e.g. deployments of one owner) made within a short window are handed over
 *   together, so the caller can answer N of them with a single list query.
 *
 * Terraform refreshes resources in parallel (10 at a time by default), so their reads arrive within milliseconds
 * of each other; a window of a few ms is enough to gather them.
 */

interface Entry {
  /** Infinity while the request is in flight. */
  expires: number;
  value: Promise<unknown>;
}

export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached (or in-flight) result for `key`, or a new request made with `load`. Failures are not cached. */
  shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.peek<T>(key);
    if (hit) return hit;
    const value = load();
    const entry: Entry = { expires: Infinity, value };
    const generation = this.generation;
    this.entries.set(key, entry);
    value.then(
      () => {
        if (generation === this.generation) entry.expires = this.now() + this.ttlMs;
        else if (this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** A fresh or in-flight result, without starting a request. */
  peek<T>(key: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires > this.now()) return hit.value as Promise<T>;
    this.entries.delete(key);
    return undefined;
  }

  /** Forget everything (after our own transactions changed chain state). In-flight results are not kept. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

interface Pending<Req, Res> {
  request: Req;
  resolve: (value: Res) => void;
  reject: (error: unknown) => void;
}

/** Collects requests per group for `windowMs`, then answers them with one `run(group, requests)` call. */
export class Batcher<Req, Res> {
  private readonly groups = new Map<string, Pending<Req, Res>[]>();

  constructor(
    private readonly windowMs: number,
    private readonly run: (group: string, requests: Req[]) => Promise<Res[]>,
  ) {}

  request(group: string, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      let pending = this.groups.get(group);
      if (!pending) {
        pending = [];
        this.groups.set(group, pending);
        setTimeout(() => void this.flush(group), this.windowMs);
      }
      pending.push({ request, resolve, reject });
    });
  }

  private async flush(group: string): Promise<void> {
    const pending = this.groups.get(group) ?? [];
    this.groups.delete(group);
    try {
      const results = await this.run(
        group,
        pending.map((p) => p.request),
      );
      pending.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      for (const p of pending) p.reject(error);
    }
  }
}
