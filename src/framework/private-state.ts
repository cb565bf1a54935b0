/**
 * Provider-private data stored next to a resource's state (terraform keeps it opaque, base64 in the state file).
 * Handlers read and write it through `ctx.private`; it round-trips plan -> apply -> read. Stored as JSON.
 * Never put secrets here: the state file is not encrypted.
 */
export class PrivateState {
  private readonly data: Record<string, unknown>;
  private changed = false;

  constructor(data: Record<string, unknown> = {}) {
    this.data = { ...data };
  }

  /** Decodes terraform's bytes; bytes that are not ours (another SDK's) are ignored. */
  static fromBytes(bytes: Uint8Array | undefined): PrivateState {
    if (!bytes || bytes.length === 0) return new PrivateState();
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        return new PrivateState(parsed as Record<string, unknown>);
    } catch {
      // Not JSON: not written by this framework.
    }
    return new PrivateState();
  }

  get<T = unknown>(key: string): T | undefined {
    return Object.prototype.hasOwnProperty.call(this.data, key) ? (this.data[key] as T) : undefined;
  }

  /** `value` must survive JSON.stringify. */
  set(key: string, value: unknown): void {
    this.data[key] = value;
    this.changed = true;
  }

  delete(key: string): void {
    delete this.data[key];
    this.changed = true;
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  get modified(): boolean {
    return this.changed;
  }

  toBytes(): Uint8Array {
    if (Object.keys(this.data).length === 0) return new Uint8Array(0);
    return new TextEncoder().encode(JSON.stringify(this.data));
  }
}
