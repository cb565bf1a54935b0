/**
 * Counts JSON-RPC calls by method (and abci_query by path) since start or the last reset, so benchmarks can
 * measure how many chain requests a client makes. The localnet's own providers are counted apart.
 */
export interface RequestCounts {
  total: number;
  methods: Record<string, number>;
  abciQueryPaths: Record<string, number>;
}

export interface RequestStatsSnapshot extends RequestCounts {
  /** When counting started (RFC 3339). */
  since: string;
  /** Requests of the localnet's own providers (not in the counts above). */
  localnetProviders: RequestCounts;
}

const empty = (): RequestCounts => ({ total: 0, methods: {}, abciQueryPaths: {} });

export class RequestStats {
  private since = new Date();
  private outside = empty();
  private internal = empty();

  record(method: string, internal: boolean, abciPath?: string): void {
    const counts = internal ? this.internal : this.outside;
    counts.total++;
    counts.methods[method] = (counts.methods[method] ?? 0) + 1;
    if (abciPath !== undefined) counts.abciQueryPaths[abciPath] = (counts.abciQueryPaths[abciPath] ?? 0) + 1;
  }

  reset(): void {
    this.since = new Date();
    this.outside = empty();
    this.internal = empty();
  }

  snapshot(): RequestStatsSnapshot {
    const copy = (c: RequestCounts): RequestCounts => ({
      total: c.total,
      methods: { ...c.methods },
      abciQueryPaths: { ...c.abciQueryPaths },
    });
    return { since: this.since.toISOString(), ...copy(this.outside), localnetProviders: copy(this.internal) };
  }
}
