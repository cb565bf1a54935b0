/**
 * Runs a lease stream to its end, and with `follow` keeps it open across drops: a cut connection, a provider
 * restart or a stream the provider ended is reopened after a bounded exponential backoff (1 s doubling to 30 s),
 * at most MAX_ATTEMPTS times in a row; a stream that delivered frames or stayed open resets the count. Final
 * conditions (no running pods, lease not found, not authorised) end it with their message.
 */
import type { LeaseStreamRequest } from "../../../akash/ports/provider-gateway";
import type { CommandIO } from "../../io";
import type { LeaseSession } from "./lease-session";
import { judgeEnd, judgeError, type EndVerdict } from "./stream-end";

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const MAX_ATTEMPTS = 8;
/** A stream open this long counts as healthy even without frames. */
const HEALTHY_MS = 30_000;

export interface FollowOptions {
  kind: LeaseStreamRequest["kind"];
  follow: boolean;
  services?: string[];
  /** Logs: lines before following (reopened streams ask for 0, so nothing repeats). */
  tail?: number;
  what: string;
  command: string;
  signal: AbortSignal;
  onLog?: LeaseStreamRequest["onLog"];
  onEvent?: LeaseStreamRequest["onEvent"];
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export async function followStream(
  session: LeaseSession,
  options: FollowOptions,
  io: CommandIO,
): Promise<number> {
  let attempts = 0;
  let reopened = false;
  for (;;) {
    let received = false;
    const openedAt = Date.now();
    let verdict: EndVerdict;
    try {
      const end = await session.gateway.streamLease(session.endpoint, session.lease, {
        kind: options.kind,
        follow: options.follow,
        ...(options.services?.length ? { services: options.services } : {}),
        ...(options.kind === "logs" ? { tail: reopened ? 0 : options.tail } : {}),
        signal: options.signal,
        onOpen: () => {
          if (reopened) io.stderr(`${options.command}: reconnected to the provider.`);
        },
        onLog: (line) => {
          received = true;
          options.onLog?.(line);
        },
        onEvent: (event, key) => {
          received = true;
          options.onEvent?.(event, key);
        },
      });
      verdict = options.signal.aborted ? { kind: "done" } : judgeEnd(end, options.what, options.follow);
    } catch (error) {
      if (options.signal.aborted) return 0;
      verdict = judgeError(error);
    }
    if (verdict.kind === "done") return 0;
    if (verdict.kind === "final") {
      io.stderr(`${options.command}: ${verdict.message}`);
      return 1;
    }
    if (!options.follow) {
      io.stderr(`${options.command}: ${verdict.reason}. Try again.`);
      return 1;
    }
    if (received || Date.now() - openedAt >= HEALTHY_MS) attempts = 0;
    attempts++;
    if (attempts > MAX_ATTEMPTS) {
      io.stderr(`${options.command}: ${verdict.reason}; gave up after ${MAX_ATTEMPTS} attempts in a row.`);
      return 1;
    }
    const delay = Math.min(FIRST_DELAY_MS * 2 ** (attempts - 1), MAX_DELAY_MS);
    io.stderr(
      `${options.command}: ${verdict.reason}; reconnecting in ${delay / 1000} s (attempt ${attempts} of ${MAX_ATTEMPTS}).`,
    );
    await sleep(delay, options.signal);
    if (options.signal.aborted) return 0;
    reopened = true;
  }
}

/** An AbortSignal that fires on Ctrl-C / SIGTERM, and the function that stops listening. */
export function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return {
    signal: controller.signal,
    release: () => {
      process.removeListener("SIGINT", stop);
      process.removeListener("SIGTERM", stop);
    },
  };
}
