/**
 * Who created a deployment, written on chain so that every runner can see it: the memo of the transaction that
 * carries MsgCreateDeployment, `akash-cdktf/1 stack=<hash> key=<hash>`; a transaction of several creates (all of
 * one stack) lists their keys in message order, `key=<hash>,<hash>,...`. The state of a killed run may live on another
 * machine (or in a remote backend that never got it); the chain is what all of them share.
 *
 * - `stack` names the Terraform configuration/workspace: the provider's `stack` attribute (or AKASH_CDKTF_STACK),
 *   hashed with the owner; without one, the account's default stack (every configuration of the account that
 *   sets none shares it).
 * - `key` names the resource instance within the stack: `create_key` (CDKTF sets it from the construct path),
 *   else a hash of the manifest version and the group names.
 *
 * Both are hashed so the memo (256 bytes at most) reveals neither names nor SDL.
 */
import { createHash } from "node:crypto";

export const IDENTITY_MEMO_PREFIX = "akash-cdktf/1";
/** At most this many identified creates share one transaction (the memo stays under the 256-byte limit). */
export const MAX_IDENTITIES_PER_TX = 12;

export interface DeploymentIdentity {
  /** 16 hex digits. */
  stack: string;
  /** 16 hex digits. */
  key: string;
}

const HASH = /^[0-9a-f]{16}$/;

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The stack hash of `owner`'s stack `name` (undefined or empty: the account's default stack). */
export function stackHash(owner: string, name: string | undefined): string {
  return shortHash(`stack\0${owner}\0${name ?? ""}`);
}

/** The key hash of an explicit `create_key`. */
export function explicitKeyHash(createKey: string): string {
  return shortHash(`key\0${createKey}`);
}

/** The key of a deployment without `create_key`: its manifest version and group names. */
export function derivedKeyHash(manifestHashHex: string, groupNames: string[]): string {
  return shortHash(`sdl\0${manifestHashHex}\0${groupNames.join("\0")}`);
}

/** The memo of a transaction whose MsgCreateDeployments carry `identities` (one stack), in message order. */
export function identityMemo(identities: DeploymentIdentity[]): string {
  if (identities.length === 0) return "";
  const stack = identities[0]!.stack;
  if (identities.some((i) => i.stack !== stack)) {
    throw new Error("creates of different stacks cannot share a transaction memo");
  }
  return `${IDENTITY_MEMO_PREFIX} stack=${stack} key=${identities.map((i) => i.key).join(",")}`;
}

/** The identities a memo carries, in message order; [] for memos this tool did not write. */
export function parseIdentityMemo(memo: string): DeploymentIdentity[] {
  const words = memo.trim().split(/\s+/);
  if (words[0] !== IDENTITY_MEMO_PREFIX || words.length !== 3) return [];
  const stack = words[1]!.startsWith("stack=") ? words[1]!.slice(6) : "";
  const keys = words[2]!.startsWith("key=") ? words[2]!.slice(4).split(",") : [];
  if (!HASH.test(stack) || keys.length === 0 || !keys.every((k) => HASH.test(k))) return [];
  return keys.map((key) => ({ stack, key }));
}

export function sameIdentity(a: DeploymentIdentity, b: DeploymentIdentity): boolean {
  return a.stack === b.stack && a.key === b.key;
}
