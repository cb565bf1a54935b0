/**
 * Polls `check` until it returns something other than `undefined` or `false`, and resolves with that; fails after
 * `timeoutMs`. For waiting on what a chain or a provider does in its own time.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 30_000, pollMs = 250 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
