/**
 * A URL as log lines may show it: its origin only (a path, query or user info may carry an API key), or `fallback`
 * when it does not parse.
 */
export function urlOrigin(url: string, fallback: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return fallback;
  }
}
