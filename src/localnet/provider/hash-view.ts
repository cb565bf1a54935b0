/**
 * The deployment hash as the provider's own manifest manager sees it. A real provider caches what it fetched for a
 * deployment (`cached-result-max-age`, 5 s) and learns of MsgUpdateDeployment from its node's event stream, so for
 * a moment after an update it still checks manifests against the previous hash and answers 422 "manifest version
 * validation failed" (manifest/manager.go). With `hashLagMs` a localnet provider keeps that moment that long.
 *
 * Changes are noticed by watching the deployments the provider runs once per block, so the lag counts from (about)
 * the block of the update, not from the first manifest sent after it.
 */

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

interface Seen {
  hash: Uint8Array;
  previous?: Uint8Array;
  changedAt: number;
}

export class DeploymentHashView {
  private readonly seen = new Map<string, Seen>();

  /** Records the hash the chain has for `deployment` ("owner/dseq") at `now`. */
  observe(deployment: string, hash: Uint8Array, now: number): void {
    const known = this.seen.get(deployment);
    if (known === undefined) this.seen.set(deployment, { hash, changedAt: now });
    else if (!sameBytes(known.hash, hash))
      this.seen.set(deployment, { hash, previous: known.hash, changedAt: now });
  }

  /** The hash a manifest is checked against: the previous one while the change is younger than `lagMs`. */
  expected(deployment: string, chainHash: Uint8Array, now: number, lagMs: number): Uint8Array {
    this.observe(deployment, chainHash, now);
    const seen = this.seen.get(deployment) as Seen;
    return seen.previous !== undefined && now - seen.changedAt < lagMs ? seen.previous : chainHash;
  }
}

export interface HashWatchOptions {
  view: DeploymentHashView;
  /** Deployments ("owner/dseq") the provider runs manifests for. */
  deployments(): string[];
  chainHash(owner: string, dseq: string): Promise<Uint8Array | undefined>;
  intervalMs: number;
  /** The current lag; nothing is watched while it is 0. */
  lagMs(): number;
  now?: () => number;
}

/** Observes the hashes of the provider's deployments once per interval while a lag is set; returns `stop`. */
export function startHashWatch(o: HashWatchOptions): () => void {
  const now = o.now ?? Date.now;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || o.lagMs() <= 0) return;
    busy = true;
    void Promise.all(
      o.deployments().map(async (deployment) => {
        const [owner, dseq] = deployment.split("/") as [string, string];
        const hash = await o.chainHash(owner, dseq).catch(() => undefined);
        if (hash !== undefined) o.view.observe(deployment, hash, now());
      }),
    ).finally(() => {
      busy = false;
    });
  }, o.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
