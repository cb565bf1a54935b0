/** ABCI event construction, including the SDK's typed-event encoding (proto name + one raw-JSON attribute per field). */
import type { ChainEvent } from "./module";

export function event(type: string, attributes: Record<string, string>): ChainEvent {
  return { type, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })) };
}

/**
 * sdk.TypedEventToEvent: type = full proto name, attributes sorted by key, values as raw JSON (strings keep their
 * quotes). BigInts are written as quoted decimal strings, like uint64 in proto JSON.
 */
export function typedEvent(protoName: string, json: Record<string, unknown>): ChainEvent {
  const keys = Object.keys(json).sort();
  return {
    type: protoName,
    attributes: keys.map((key) => ({
      key,
      value: JSON.stringify(json[key], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    })),
  };
}
