/** The deployment version (`MsgCreateDeployment.hash`): SHA-256 over the Go-sorted manifest JSON. */
import { createHash } from "node:crypto";

export function manifestHash(manifestJson: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(manifestJson, "utf8").digest());
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}
