/** Attribute list rules shared by provider, audit and group specs (codespace "akash"). */
import type { Attribute } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { registered } from "./errors";

const ATTRIBUTE_KEY = /^([a-zA-Z][\w/.-]{1,126})$/;

export function validateAttributes(attributes: readonly Attribute[]): void {
  const seen = new Set<string>();
  for (const attribute of attributes) {
    if (!ATTRIBUTE_KEY.test(attribute.key)) {
      throw registered("akash", 2, `attribute key does not match regexp: ${attribute.key}`);
    }
    if (seen.has(attribute.key)) throw registered("akash", 1, "attributes cannot have duplicate keys");
    seen.add(attribute.key);
  }
}

/** Plain copies, so state never shares objects with a decoded msg. */
export function copyAttributes(attributes: readonly Attribute[]): Attribute[] {
  return attributes.map((a) => ({ key: a.key, value: a.value }));
}
