/**
 * One fake Akash world for resource unit tests: a ledger, the chain ports over it, a provider gateway, a create
 * journal and a clock, wired into the AkashPorts that resources receive. `operation()` is the context a
 * create/read/update/delete gets, with the log lines it wrote kept for assertions.
 */
import type {
  AkashPorts,
  GatewayAuth,
  ProviderFacts,
  SigningChain,
} from "../../../src/akash/ports/akash-ports";
import { SharedBidWatcher } from "../../../src/domain/shared-bid-watcher";
import { DiagnosticError } from "../../../src/framework/diagnostics";
import type { LogFields, Logger } from "../../../src/framework/logger";
import { PrivateState } from "../../../src/framework/private-state";
import type { OperationContext } from "../../../src/framework/resource";
import { OWNER } from "./fake-accounts";
import { FakeChain } from "./fake-chain";
import { FakeClock } from "./fake-clock";
import { FakeGateway } from "./fake-gateway";
import { FakeJournal } from "./fake-journal";
import { FakeLedger } from "./fake-ledger";

export interface FakeWorldOptions {
  /** The provider's signing key; `null` for a provider block without a mnemonic. Default: OWNER. */
  signer?: string | null;
  facts?: Partial<ProviderFacts>;
}

export interface FakeWorld {
  clock: FakeClock;
  ledger: FakeLedger;
  chain: FakeChain;
  gateway: FakeGateway;
  journal: FakeJournal;
  /** Files `ports.files.readText` can read. */
  files: Map<string, string>;
  /** How each gateway was asked for (JWT or mTLS with which certificate). */
  gatewayAuths: GatewayAuth[];
  ports: AkashPorts;
  /** The signing key (OWNER unless configured otherwise). */
  signer: string;
}

/**
 * Each world numbers its deployments from its own range: the deployment resource remembers, per process, which
 * (owner, dseq) it has seen, so two worlds of one test file must not reuse a dseq.
 */
let dseqBase = 0n;

export function fakeWorld(options: FakeWorldOptions = {}): FakeWorld {
  const clock = new FakeClock();
  const ledger = new FakeLedger(() => clock.now());
  // Time passes in blocks too: whatever waits lets the chain move on (pending mints execute).
  clock.onSleep(() => ledger.tick());
  const signer = options.signer === undefined ? OWNER : options.signer;
  const chain = new FakeChain(ledger, signer ?? undefined);
  const gateway = new FakeGateway(ledger);
  const journal = new FakeJournal();
  const files = new Map<string, string>();
  const gatewayAuths: GatewayAuth[] = [];
  dseqBase += 1000n;
  let dseq = dseqBase;
  const queues = new Map<string, Promise<unknown>>();
  const noKey = () =>
    new DiagnosticError("No signing key", "Set `mnemonic` in the provider block (or AKASH_MNEMONIC).");

  const watcher = new SharedBidWatcher(chain, clock);
  const ports: AkashPorts = {
    facts: { hasNode: true, hasSigner: signer !== null, ...options.facts },
    chain: () => Promise.resolve(chain),
    signingChain: () => {
      const transactions = chain.transactions;
      if (!transactions) return Promise.reject(noKey());
      const signing: SigningChain = Object.assign(chain, { transactions });
      return Promise.resolve(signing);
    },
    // The real shared watcher (domain logic) over the fake chain and clock.
    bidWatcher: () => Promise.resolve(watcher),
    signerAddress: () => (signer === null ? Promise.reject(noKey()) : Promise.resolve(signer)),
    gateway: (auth) => {
      gatewayAuths.push(auth);
      return Promise.resolve(gateway);
    },
    journal,
    clock,
    dseqs: { next: () => ++dseq },
    queue: {
      serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
        const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
        queues.set(
          key,
          run.catch(() => undefined),
        );
        return run;
      },
    },
    files: {
      readText(path) {
        const text = files.get(path);
        if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return text;
      },
    },
  };
  return {
    clock,
    ledger,
    chain,
    gateway,
    journal,
    files,
    gatewayAuths,
    ports,
    signer: signer ?? "",
  };
}

export interface LogLine {
  level: keyof Logger;
  msg: string;
  fields?: LogFields;
}

export interface FakeOperation extends OperationContext {
  logs: LogLine[];
  /** Aborts the operation (terraform interrupted, or its timeout passed). */
  abort(reason?: Error): void;
}

export function operation(): FakeOperation {
  const controller = new AbortController();
  const logs: LogLine[] = [];
  const line = (level: keyof Logger) => (msg: string, fields?: LogFields) => {
    logs.push({ level, msg, ...(fields ? { fields } : {}) });
  };
  return {
    signal: controller.signal,
    log: {
      trace: line("trace"),
      debug: line("debug"),
      info: line("info"),
      warn: line("warn"),
      error: line("error"),
    },
    private: new PrivateState(),
    logs,
    abort: (reason) => controller.abort(reason ?? new Error("interrupted")),
  };
}
