/**
 * Frames of `GET /lease/{dseq}/{gseq}/{oseq}/kubeevents` → LeaseEvents. The provider writes one JSON object per
 * event (cluster LeaseEvent: type, reportingController, reportingInstance, reason, note, object{kind, namespace,
 * name}); frames that are not such objects are skipped.
 */
import type { LeaseEvent } from "../../ports/provider-gateway";

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function leaseEvent(frame: string): LeaseEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return undefined;
  }
  const e = obj(parsed);
  if (str(e.reason) === "" && str(e.note) === "") return undefined;
  const object = obj(e.object);
  return {
    type: str(e.type),
    reason: str(e.reason),
    note: str(e.note),
    reportingController: str(e.reportingController),
    reportingInstance: str(e.reportingInstance),
    object: { kind: str(object.kind), namespace: str(object.namespace), name: str(object.name) },
  };
}

export function parseLeaseEvents(frames: string[]): LeaseEvent[] {
  return frames.flatMap((frame) => leaseEvent(frame) ?? []);
}
