/**
 * The gateway's WebSocket streams: lease logs (`{name, message}` frames) and kube events (the events of the lease's
 * namespace; with `follow` new ones as they happen). Close codes follow the provider: 4000 "no running pods", 4001
 * lease not found. Log lines are synthetic since no containers run.
 */
import type { WebSocket } from "ws";
import type { LeaseKey, LeaseRuntime } from "./lease-runtime";

export interface StreamParams {
  services: string[];
  follow: boolean;
  /** Last N lines only; undefined = all. */
  tail?: number;
}

export interface StreamContext {
  runtime: LeaseRuntime;
  lease: LeaseKey;
  /** The provider's address (part of the lease's namespace name). */
  provider: string;
  params: StreamParams;
  now: () => number;
  intervalMs: number;
}

const CLOSE_NO_PODS = 4000;
const CLOSE_LEASE_NOT_FOUND = 4001;

function parseBool(value: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}

/** requestStreamParams: `service` (comma list, no trailing comma), `follow`, `tail` (-1 = all). */
export function parseStreamParams(query: URLSearchParams): StreamParams {
  const services = query.get("service") ?? "";
  if (services.endsWith(",")) throw new Error('parameter "service" must not contain trailing comma');
  const follow = query.get("follow") ? parseBool(query.get("follow") as string) : false;
  let tail: number | undefined;
  const rawTail = query.get("tail");
  if (rawTail) {
    if (!/^[-+]?\d+$/.test(rawTail) || Math.abs(Number(rawTail)) > 2 ** 31 - 1) {
      throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(rawTail)}: invalid syntax`);
    }
    const n = Number(rawTail);
    if (n < -1) throw new Error('parameter "tail" contains invalid value');
    if (n > -1) tail = n;
  }
  return { services: services === "" ? [] : services.split(","), follow, tail };
}

function followWhileOpen(ws: WebSocket, context: StreamContext, tick: () => boolean): void {
  const timer = setInterval(() => {
    if (!context.runtime.has(context.lease)) {
      clearInterval(timer);
      ws.close(1000);
      return;
    }
    if (!tick()) clearInterval(timer);
  }, context.intervalMs);
  timer.unref();
  ws.on("close", () => clearInterval(timer));
}

export function streamLogs(ws: WebSocket, context: StreamContext): void {
  const lines = context.runtime.logLines(context.lease, context.params.services, context.now());
  if (lines === undefined) return ws.close(CLOSE_LEASE_NOT_FOUND);
  if (lines.length === 0) return ws.close(CLOSE_NO_PODS, "no running pods");
  const tail = context.params.tail;
  // Like the provider's TailLines, the tail is per pod (each pod's log is its own stream).
  const initial =
    tail === undefined
      ? lines
      : lines.filter((line, i) => lines.slice(i + 1).filter((l) => l.name === line.name).length < tail);
  for (const line of initial) ws.send(JSON.stringify(line));
  if (!context.params.follow) return ws.close(1000);
  const pods = [...new Set(lines.map((l) => l.name))];
  let beat = 0;
  followWhileOpen(ws, context, () => {
    beat++;
    const at = new Date(context.now()).toISOString();
    for (const name of pods) ws.send(JSON.stringify({ name, message: `${at} localnet: heartbeat ${beat}` }));
    return true;
  });
}

export function streamKubeEvents(ws: WebSocket, context: StreamContext): void {
  const read = () =>
    context.runtime.events(context.lease, context.provider, context.params.services, context.now());
  const first = read();
  if (first === undefined) return ws.close(CLOSE_LEASE_NOT_FOUND);
  const sent = new Set<string>();
  const sendNew = (events: NonNullable<typeof first>) => {
    for (const event of events) {
      const frame = JSON.stringify(event);
      if (sent.has(frame)) continue;
      sent.add(frame);
      ws.send(frame);
    }
  };
  sendNew(first);
  if (!context.params.follow) return ws.close(1000);
  followWhileOpen(ws, context, () => {
    sendNew(read() ?? []);
    return true;
  });
}

export interface ShellParams {
  command: string[];
  service: string;
  tty: boolean;
  stdin: boolean;
  podIndex: number;
}

/** leaseShellHandler's query: cmd0..cmdN, tty, service, stdin, podIndex are all required (else 400). */
export function parseShellParams(query: URLSearchParams): ShellParams | undefined {
  const command: string[] = [];
  for (let i = 0; query.get(`cmd${i}`); i++) command.push(query.get(`cmd${i}`) as string);
  const tty = query.get("tty");
  const service = query.get("service");
  const stdin = query.get("stdin");
  const podIndex = query.get("podIndex");
  if (command.length === 0 || !tty || !service || !stdin || !podIndex || !/^\d+$/.test(podIndex))
    return undefined;
  return { command, service, tty: tty === "1", stdin: stdin === "1", podIndex: Number(podIndex) };
}

const SHELL_STDERR = 101;
const SHELL_RESULT = 102;

function shellFrame(code: number, text: string): Buffer {
  return Buffer.concat([Buffer.from([code]), Buffer.from(text, "utf8")]);
}

/** The shell protocol's frames; no container runs, so the command is reported as not executed (exit code 127). */
export function streamShell(ws: WebSocket, context: StreamContext, params: ShellParams): void {
  const status = context.runtime.service(context.lease, params.service, context.now());
  let result: { exit_code: number; message?: string };
  if (status === undefined) result = { exit_code: 0, message: `service ${params.service} not found` };
  else if (status.ready_replicas === 0) result = { exit_code: 0, message: "no active replicase for service" };
  else {
    ws.send(
      shellFrame(SHELL_STDERR, "localnet: no container runs on the localnet; the command was not executed\n"),
    );
    result = { exit_code: 127 };
  }
  ws.send(shellFrame(SHELL_RESULT, `${JSON.stringify(result)}\n`));
  ws.close(1000);
}
