/**
 * The Kubernetes events a lease's namespace would hold, as `GET /lease/.../kubeevents` sends them (cluster LeaseEvent:
 * type, reportingController, reportingInstance, reason, note, object{kind, namespace, name}): the deployment
 * controller scaling replica sets, the scheduler placing pods, and the kubelet pulling images and starting
 * containers, or failing to pull an image and backing off (texts as kubelet and containerd write them).
 */
import { createHash } from "node:crypto";
import type { ManifestService } from "./manifest";
import { replicaSetName, type Pod, type ServiceRollout } from "./workload";

export const LOCALNET_NODE = "localnet-node";

export interface LeaseEvent {
  type: "Normal" | "Warning";
  reportingController: string;
  reportingInstance: string;
  reason: string;
  note: string;
  object: { kind: string; namespace: string; name: string };
}

/** An event and when it happened (ms since epoch), for ordering and for only showing what already happened. */
export interface TimedEvent {
  at: number;
  event: LeaseEvent;
}

/** The lease's namespace: lower-case unpadded base32hex of SHA-224("owner/dseq/gseq/oseq/provider"). */
export function leaseNamespace(
  lease: { owner: string; dseq: string; gseq: number; oseq: number },
  provider: string,
) {
  const digest = createHash("sha224")
    .update(`${lease.owner}/${lease.dseq}/${lease.gseq}/${lease.oseq}/${provider}`)
    .digest();
  const alphabet = "0123456789abcdefghijklmnopqrstuv";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** containerd's error for an image it cannot resolve, as the kubelet reports it. */
function pullError(image: string): string {
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference ` +
    `"${image}": ${image}: not found`
  );
}

function podEvents(namespace: string, pod: Pod, service: string): TimedEvent[] {
  const object = { kind: "Pod", namespace, name: pod.name };
  const kubelet = (at: number, type: LeaseEvent["type"], reason: string, note: string): TimedEvent => ({
    at,
    event: { type, reportingController: "kubelet", reportingInstance: LOCALNET_NODE, reason, note, object },
  });
  const events: TimedEvent[] = [
    {
      at: pod.createdAt,
      event: {
        type: "Normal",
        reportingController: "default-scheduler",
        reportingInstance: `default-scheduler-${LOCALNET_NODE}`,
        reason: "Scheduled",
        note: `Successfully assigned ${namespace}/${pod.name} to ${LOCALNET_NODE}`,
        object,
      },
    },
    kubelet(pod.createdAt, "Normal", "Pulling", `Pulling image "${pod.image}"`),
  ];
  if (pod.readyAt === undefined) {
    const at = pod.createdAt + 1;
    events.push(
      kubelet(at, "Warning", "Failed", `Failed to pull image "${pod.image}": ${pullError(pod.image)}`),
      kubelet(at, "Warning", "Failed", "Error: ErrImagePull"),
      kubelet(at + 1, "Normal", "BackOff", `Back-off pulling image "${pod.image}"`),
      kubelet(at + 1, "Warning", "Failed", "Error: ImagePullBackOff"),
    );
    return events;
  }
  const took = `${((pod.readyAt - pod.createdAt) / 1000).toFixed(3)}s`;
  events.push(
    kubelet(
      pod.readyAt,
      "Normal",
      "Pulled",
      `Successfully pulled image "${pod.image}" in ${took} (${took} including waiting)`,
    ),
    kubelet(pod.readyAt, "Normal", "Created", `Created container: ${service}`),
    kubelet(pod.readyAt, "Normal", "Started", `Started container ${service}`),
  );
  return events;
}

/** The events of one service's current rollout that have happened by `now`, oldest first. */
export function serviceEvents(
  where: { lease: string; namespace: string },
  service: ManifestService,
  rollout: ServiceRollout,
  pods: Pod[],
  now: number,
): LeaseEvent[] {
  const namespace = where.namespace;
  const current = pods.filter((p) => p.current);
  const replicaSet = replicaSetName(where.lease, service.name, rollout, true);
  const oldReplicaSet = replicaSetName(where.lease, service.name, rollout, false);
  const scaling = (at: number, note: string): TimedEvent => ({
    at,
    event: {
      type: "Normal",
      reportingController: "deployment-controller",
      reportingInstance: "",
      reason: "ScalingReplicaSet",
      note,
      object: { kind: "Deployment", namespace, name: service.name },
    },
  });
  const timed: TimedEvent[] = [];
  if (rollout.previousImage === undefined) {
    timed.push(scaling(rollout.since, `Scaled up replica set ${replicaSet} from 0 to ${service.count}`));
  } else {
    const n = service.count;
    current.forEach((pod, i) => {
      timed.push(
        scaling(pod.createdAt, `Scaled down replica set ${oldReplicaSet} from ${n - i} to ${n - i - 1}`),
      );
      timed.push(scaling(pod.createdAt, `Scaled up replica set ${replicaSet} from ${i} to ${i + 1}`));
    });
  }
  for (const pod of current) timed.push(...podEvents(namespace, pod, service.name));
  return timed
    .filter((t) => t.at <= now)
    .sort((a, b) => a.at - b.at)
    .map((t) => t.event);
}
