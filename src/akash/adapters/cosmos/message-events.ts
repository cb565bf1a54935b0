import type { ChainEvent } from "../../ports/chain";

/** The events of message `index`, without the bookkeeping `msg_index` attribute. */
export function eventsOf(events: ChainEvent[], index: number): ChainEvent[] {
  const wanted = String(index);
  return events
    .filter((e) => e.attributes.msg_index === wanted)
    .map((e) => {
      const { msg_index: _omit, ...attributes } = e.attributes;
      return { type: e.type, attributes };
    });
}
