/**
 * Waiting until a manifest runs. A provider applies a manifest asynchronously, as Kubernetes RollingUpdates: right
 * after the send its status still shows the previous generation, fully available. So a service that the manifest
 * changed counts as running only once the provider reports a newer `observed_generation` with every replica
 * updated and available; the others once all replicas are available.
 *
 * Meanwhile the wait watches for a workload that cannot get there: a Warning event that an image cannot be pulled
 * (definite for "not found" / "denied" answers, after a grace period for others), a container that keeps crashing,
 * or the lease closed on chain (the provider's monitor gives an unstable workload up). Then it ends with an error
 * naming the service, its image and the provider's reason, instead of running into the timeout.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Chain, LeaseId } from "../../akash/ports/chain";
import { isGatewayError } from "../../akash/ports/errors";
import type {
  LeaseEvent,
  LeaseStatus,
  ProviderEndpoint,
  ProviderGateway,
} from "../../akash/ports/provider-gateway";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";

const POLL_MS = 1000;
/** Events and the lease on chain are looked at every this many polls. */
const WATCH_EVERY = 3;
/** A pull error that does not say the image is missing may be a registry hiccup: give it this long. */
const PULL_GRACE_MS = 60_000;
/** Restarts of a crashing container seen this long mean it will not come up by itself. */
const CRASH_GRACE_MS = 60_000;
/** A changed service whose generation does not move (the change left its pods alone) is taken as is after this. */
const GENERATION_GRACE_MS = 30_000;

/** What the manifest runs, per service name: its image, and whether this send changed the service. */
export interface RolloutTarget {
  services: Map<string, { image: string; changed: boolean }>;
  /** Each service's `observed_generation` before the send (empty for a new lease). */
  generationsBefore: Map<string, number>;
}

interface ManifestServiceJson {
  name?: unknown;
  image?: unknown;
}

function servicesOf(manifestJson: string | null): Map<string, { image: string; json: string }> {
  const out = new Map<string, { image: string; json: string }>();
  if (manifestJson === null) return out;
  const groups = JSON.parse(manifestJson) as { services?: ManifestServiceJson[] }[];
  for (const group of groups) {
    for (const service of group.services ?? []) {
      if (typeof service.name !== "string") continue;
      out.set(service.name, { image: String(service.image ?? ""), json: JSON.stringify(service) });
    }
  }
  return out;
}

/** The rollout a send of `next` starts, compared with the manifest the provider ran before (`previous`). */
export function rolloutTarget(
  previous: string | null,
  next: string,
  before: LeaseStatus | undefined,
): RolloutTarget {
  const old = servicesOf(previous);
  const services = new Map<string, { image: string; changed: boolean }>();
  for (const [name, service] of servicesOf(next)) {
    services.set(name, { image: service.image, changed: old.get(name)?.json !== service.json });
  }
  const generationsBefore = new Map<string, number>();
  for (const status of Object.values(before?.services ?? {}))
    generationsBefore.set(status.name, status.observedGeneration);
  return { services, generationsBefore };
}

/** Thrown when the workload cannot become ready; `status` is what the provider reported last. */
export class WorkloadFailure extends DiagnosticError {
  constructor(
    detail: string,
    readonly status: LeaseStatus | undefined,
  ) {
    super("Workload not running", detail);
  }
}

/** The service a pod event belongs to: pods are named `<service>-<replica set hash>-<suffix>`. */
function serviceOfPod(podName: string, services: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const name of services) {
    if (podName.startsWith(`${name}-`) && (best === undefined || name.length > best.length)) best = name;
  }
  return best;
}

const DEFINITE_PULL_FAILURE =
  /not found|manifest unknown|denied|unauthorized|invalid reference|InvalidImageName/i;

interface EventWatch {
  /** First time a pull failure of a service's current image was seen, by service. */
  pullFailingSince: Map<string, number>;
  crashingSince: Map<string, number>;
}

/** The reason the workload cannot come up, from the provider's events, or undefined. */
function hopelessFromEvents(
  events: LeaseEvent[],
  target: RolloutTarget,
  notReady: Set<string>,
  watch: EventWatch,
  now: number,
): string | undefined {
  for (const event of events) {
    if (event.object.kind !== "Pod") continue;
    const service = serviceOfPod(event.object.name, target.services.keys());
    if (service === undefined || !notReady.has(service)) continue;
    const image = target.services.get(service)?.image ?? "";
    const where = `service ${service} (image ${image})`;
    const pullFailure =
      event.type === "Warning" && event.reason === "Failed" && event.note.includes(`image "${image}"`);
    if (pullFailure) {
      if (DEFINITE_PULL_FAILURE.test(event.note)) return `${where}: ${event.note}`;
      const since = watch.pullFailingSince.get(service) ?? now;
      watch.pullFailingSince.set(service, since);
      if (now - since >= PULL_GRACE_MS) return `${where}: ${event.note}`;
    }
    if (event.reason === "BackOff" && /restarting failed container/i.test(event.note)) {
      const since = watch.crashingSince.get(service) ?? now;
      watch.crashingSince.set(service, since);
      if (now - since >= CRASH_GRACE_MS) return `${where} keeps crashing: ${event.note}`;
    }
  }
  return undefined;
}

/** Services of `status` that do not run the target yet. */
function notRunning(status: LeaseStatus, target: RolloutTarget, startedAt: number, now: number): Set<string> {
  const waiting = new Set<string>();
  for (const name of target.services.keys()) {
    const s = status.services[name];
    if (!s || s.total <= 0 || s.available < s.total) {
      waiting.add(name);
      continue;
    }
    // Providers that report no replica counts (zeros) are judged by availability alone.
    if (s.replicas > 0 && s.updatedReplicas < s.replicas) waiting.add(name);
    const before = target.generationsBefore.get(name);
    const rolled = before === undefined || s.observedGeneration === 0 || s.observedGeneration > before;
    if (target.services.get(name)?.changed && !rolled && now - startedAt < GENERATION_GRACE_MS)
      waiting.add(name);
  }
  return waiting;
}

/**
 * Waits until the lease runs `target`; returns the last status. Throws WorkloadFailure when it cannot (with the
 * provider's reason), and stops with the operation's signal (timeout or interruption).
 */
export async function waitForRollout(
  ports: Pick<AkashPorts, "clock">,
  chain: Chain,
  gateway: ProviderGateway,
  endpoint: ProviderEndpoint,
  lease: LeaseId,
  target: RolloutTarget,
  ctx: OperationContext,
): Promise<LeaseStatus> {
  const startedAt = ports.clock.now();
  const watch: EventWatch = { pullFailingSince: new Map(), crashingSince: new Map() };
  let last: LeaseStatus | undefined;
  let reported = "";
  for (let poll = 0; ; poll++) {
    ctx.signal.throwIfAborted();
    const now = ports.clock.now();
    let waiting = new Set(target.services.keys());
    try {
      last = await gateway.leaseStatus(endpoint, lease, { signal: ctx.signal });
      waiting = notRunning(last, target, startedAt, now);
      if (waiting.size === 0) return last;
      const summary = [...waiting]
        .map((name) => {
          const s = last?.services[name];
          return s ? `${name} ${s.available}/${s.total} available` : `${name} not reported yet`;
        })
        .join(", ");
      if (summary !== reported) ctx.log.info("waiting for services", { services: summary });
      reported = summary;
    } catch (error) {
      if (!isGatewayError(error, "not-found")) throw error;
    }
    if (poll % WATCH_EVERY === WATCH_EVERY - 1) {
      chain.invalidate();
      const onChain = (await chain.leases(lease.owner, { dseq: lease.dseq })).find(
        (l) => l.id.gseq === lease.gseq && l.id.oseq === lease.oseq && l.id.provider === lease.provider,
      );
      if (onChain && onChain.state !== "active" && onChain.state !== "reclaiming") {
        const reason = onChain.closedReason ? ` (${onChain.closedReason})` : "";
        throw new WorkloadFailure(
          `The provider closed lease ${lease.dseq}/${lease.gseq}/${lease.oseq} while the services were starting` +
            `${reason}; not running: ${[...waiting].join(", ")}. Check the images and the SDL, then apply again ` +
            "(a new lease is created).",
          last,
        );
      }
      const events = await gateway
        .leaseEvents(endpoint, lease, { signal: ctx.signal, timeoutMs: 5_000 })
        .catch((error: unknown) => {
          ctx.signal.throwIfAborted();
          ctx.log.debug("lease events unavailable", { error: String(error) });
          return [];
        });
      const hopeless = hopelessFromEvents(events, target, waiting, watch, now);
      if (hopeless) {
        throw new WorkloadFailure(
          `Provider ${lease.provider} cannot start ${hopeless}. Fix the image or the SDL and apply again.`,
          last,
        );
      }
    }
    await ports.clock.sleep(POLL_MS, ctx.signal);
  }
}
