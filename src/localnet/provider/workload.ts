/**
 * The pods a service would have on a provider's Kubernetes cluster, computed from when its current spec was applied.
 * A provider runs each service as a Deployment with a RollingUpdate strategy of maxSurge 0 and maxUnavailable 1
 * (cluster/kube/builder/deployment.go): the first spec starts every replica at once; a changed spec replaces pods one
 * at a time (one old pod goes away, one new pod starts, and the next only once it is available), so during an update
 * the old pods that are left stay available. A pod whose image cannot be pulled never becomes available, which stalls
 * the rollout at its first new pod.
 */
import { createHash } from "node:crypto";
import type { ManifestService } from "./manifest";

/** The rollout of a service's current spec (its Kubernetes Deployment generation). */
export interface ServiceRollout {
  /** metadata.generation of the Deployment: 1 for the first spec, +1 per changed spec. */
  generation: number;
  /** When this spec was applied (ms since epoch). */
  since: number;
  /** Time each new pod needs to become available, fixed when the spec was applied. */
  podStartMs: number;
  /** Image of the previous spec's pods (absent for the first spec). */
  previousImage?: string;
  /** The pod template the generation was made from (a change starts a new generation). */
  template: string;
}

export interface Pod {
  name: string;
  image: string;
  /** Created from the current spec (else an old pod still running). */
  current: boolean;
  createdAt: number;
  /** When it became (or becomes) available; undefined when its image cannot be pulled. */
  readyAt?: number;
}

export interface ReplicaCounts {
  replicas: number;
  updated: number;
  ready: number;
}

/** The parts of a service that end up in the pod template: changing anything else starts no rollout. */
export function podTemplate(service: ManifestService): string {
  return JSON.stringify({
    image: service.image,
    command: service.command,
    args: service.args,
    env: service.env,
    resources: service.resources,
    ports: (service.expose ?? []).map((e) => `${e.port}/${e.proto}`),
    storage: service.params?.storage ?? null,
    credentials: service.credentials,
  });
}

/** The rollout after applying `service`, given the one before (if the service already ran). */
export function nextRollout(
  service: ManifestService,
  previous: ServiceRollout | undefined,
  previousImage: string | undefined,
  now: number,
  podStartMs: number,
): ServiceRollout {
  const template = podTemplate(service);
  if (previous !== undefined && previous.template === template) return previous;
  return {
    generation: (previous?.generation ?? 0) + 1,
    since: now,
    podStartMs,
    ...(previous !== undefined && previousImage !== undefined ? { previousImage } : {}),
    template,
  };
}

function hashed(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** The pod template of the rollout's new pods, or of the old pods it replaces. */
function templateOf(rollout: ServiceRollout, current: boolean): string {
  return current ? rollout.template : `${rollout.template}@${rollout.generation - 1}`;
}

/** Kubernetes-style replica set name: <deployment>-<pod-template-hash>. */
export function replicaSetName(
  lease: string,
  service: string,
  rollout: ServiceRollout,
  current: boolean,
): string {
  return `${service}-${hashed("rs", lease, templateOf(rollout, current)).slice(0, 10)}`;
}

/** Kubernetes-style pod name: <replica set>-<suffix>. */
function podName(lease: string, service: string, rollout: ServiceRollout, current: boolean, index: number) {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  const digest = Buffer.from(hashed("pod", lease, templateOf(rollout, current), String(index)), "hex");
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += alphabet[(digest[i] as number) % alphabet.length];
  return `${replicaSetName(lease, service, rollout, current)}-${suffix}`;
}

/** The service's pods at `now`: new ones from the current spec and, during an update, the old ones still left. */
export function servicePods(
  lease: string,
  service: ManifestService,
  rollout: ServiceRollout,
  now: number,
  imageFails: (image: string) => boolean,
): Pod[] {
  const count = service.count;
  const failing = imageFails(service.image);
  const step = rollout.podStartMs;
  const pods: Pod[] = [];
  const update = rollout.previousImage !== undefined;
  for (let i = 0; i < count; i++) {
    // The first spec starts all pods at once; an update starts pod i when pod i-1 is available.
    const createdAt = update ? rollout.since + i * step : rollout.since;
    if (createdAt > now || (update && failing && i > 0)) break;
    pods.push({
      name: podName(lease, service.name, rollout, true, i),
      image: service.image,
      current: true,
      createdAt,
      ...(failing ? {} : { readyAt: createdAt + step }),
    });
  }
  if (update) {
    const old = rollout.previousImage as string;
    for (let i = pods.length; i < count; i++) {
      pods.push({
        name: podName(lease, service.name, rollout, false, i),
        image: old,
        current: false,
        createdAt: rollout.since - step,
        ...(imageFails(old) ? {} : { readyAt: rollout.since - step }),
      });
    }
  }
  return pods;
}

/** Deployment status counts: all pods, pods of the current spec, and available ones. */
export function replicaCounts(pods: Pod[], now: number): ReplicaCounts {
  return {
    replicas: pods.length,
    updated: pods.filter((p) => p.current).length,
    ready: pods.filter((p) => p.readyAt !== undefined && p.readyAt <= now).length,
  };
}
