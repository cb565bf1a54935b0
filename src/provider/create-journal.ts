/**
 * The create journal: money safety when terraform dies in the middle of an apply.
 *
 * Terraform only learns about a new deployment when `create` returns, and only writes it to the state file some
 * time after that. If terraform is SIGKILLed in between, the deployment stays open on chain (its escrow locked)
 * and the next apply would create a second one. So, before broadcasting MsgCreateDeployment, we write down what we
 * are about to create; a later create (in a new provider process) that finds an entry left behind by a dead
 * process, for a deployment that is active on chain with the same manifest hash, ADOPTS it instead of paying for a
 * second deployment.
 *
 * Rules:
 * - One file per entry, `<dir>/<owner>/<dseq>.json`, written atomically; processes never share a file.
 * - Entries of live processes (or of other hosts) are never touched.
 * - Adoption is limited to entries written from the same working directory (the same Terraform configuration)
 *   and the same chain.
 * - Entries are removed when terraform shuts the provider down normally (the state file then knows about the
 *   deployment), when a refresh shows the deployment is tracked by a state, when it is closed, or when it never
 *   reached the chain. An entry whose create ended without telling terraform (outcome unknown) survives the
 *   shutdown, so a later apply can still adopt it.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, hostname } from "node:os";
import { join } from "node:path";
import type { Chain, Deployment } from "../akash/ports/chain";
import { isChainError } from "../akash/ports/errors";
import { DiagnosticError } from "../framework/diagnostics";
import type { Logger } from "../framework/logger";

export interface CreateJournalEntry {
  owner: string;
  dseq: string;
  /** Manifest version hash, hex. */
  hash: string;
  chainId: string;
  /** Chain height when the entry was written: a broadcast that never lands is given up a few blocks later. */
  height: string;
  pid: number;
  /** When the process started (Linux clock ticks since boot), so a reused pid is not mistaken for the writer. */
  pidStart?: string;
  host: string;
  /** The provider runs in terraform's working directory: the configuration this deployment belongs to. */
  cwd: string;
  time: string;
}

/** Blocks after which an entry whose deployment is still not on chain is considered never broadcast. */
export const PENDING_BLOCKS = 5n;

export interface ProcessIdentity {
  pid: number;
  pidStart?: string;
  host: string;
  cwd: string;
}

/** `$AKASH_CDKTF_STATE_DIR/journal`, else `~/.akash-cdktf/journal`. */
export function journalDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.AKASH_CDKTF_STATE_DIR?.trim();
  return base ? join(base, "journal") : join(homedir(), ".akash-cdktf", "journal");
}

/** Field 22 of /proc/<pid>/stat (start time); undefined where /proc does not exist. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, pidStart: processStartTime(process.pid), host: hostname(), cwd: process.cwd() };
}

/** Whether the process that wrote `entry` may still be running (entries of other hosts count as running). */
export function writerAlive(entry: Pick<CreateJournalEntry, "pid" | "pidStart" | "host">): boolean {
  if (entry.host !== hostname()) return true;
  try {
    process.kill(entry.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    return true; // EPERM: exists, owned by someone else
  }
  const start = processStartTime(entry.pid);
  return !(entry.pidStart && start && start !== entry.pidStart);
}

const FILE = /^(\d+)\.json$/;
const CLAIM = /^(\d+)\.json\.claim-(\d+)$/;

export class CreateJournal {
  /** dseqs (owner/dseq) whose create ended without terraform learning about them: kept after shutdown. */
  private readonly unresolved = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly self: ProcessIdentity = currentProcess(),
  ) {}

  private ownerDir(owner: string): string {
    return join(this.dir, owner);
  }

  private file(owner: string, dseq: string): string {
    return join(this.ownerDir(owner), `${dseq}.json`);
  }

  private write(entry: CreateJournalEntry): void {
    const dir = this.ownerDir(entry.owner);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${entry.dseq}.${this.self.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(entry) + "\n", { mode: 0o600 });
    renameSync(tmp, this.file(entry.owner, entry.dseq));
  }

  /** Writes down a deployment this process is about to create. Call before broadcasting. */
  record(entry: { owner: string; dseq: bigint; hash: string; chainId: string; height: bigint }): void {
    try {
      this.writeNew(entry);
    } catch (error) {
      throw new DiagnosticError(
        "Cannot write the create journal",
        `The provider records each deployment before creating it, so that a killed terraform run cannot leave an ` +
          `untracked deployment behind, but ${this.dir} is not writable ` +
          `(${(error as NodeJS.ErrnoException).code ?? String(error)}). Set AKASH_CDKTF_STATE_DIR to a writable ` +
          "directory.",
      );
    }
  }

  private writeNew(entry: {
    owner: string;
    dseq: bigint;
    hash: string;
    chainId: string;
    height: bigint;
  }): void {
    this.write({
      owner: entry.owner,
      dseq: entry.dseq.toString(),
      hash: entry.hash,
      chainId: entry.chainId,
      height: entry.height.toString(),
      pid: this.self.pid,
      ...(this.self.pidStart ? { pidStart: this.self.pidStart } : {}),
      host: this.self.host,
      cwd: this.self.cwd,
      time: new Date().toISOString(),
    });
  }

  /** The create failed for certain (nothing reached the chain), or the deployment is tracked or closed. */
  forget(owner: string, dseq: bigint | string): void {
    this.unresolved.delete(`${owner}/${dseq}`);
    rmSync(this.file(owner, dseq.toString()), { force: true });
  }

  /** A refresh found (owner, dseq) in a state: an entry an interrupted run left for it is resolved. */
  forgetAbandoned(owner: string, dseq: bigint): void {
    try {
      if (this.abandonedEntry(owner, dseq)) this.forget(owner, dseq);
    } catch {
      // Best effort: the journal never gets in the way of a refresh.
    }
  }

  /** The create ended without terraform learning about the deployment: keep the entry when shutting down. */
  markUnresolved(owner: string, dseq: bigint): void {
    this.unresolved.add(`${owner}/${dseq}`);
  }

  /** All readable entries of `owner` (stale claims of dead processes are put back first). */
  entries(owner: string): CreateJournalEntry[] {
    let names: string[];
    try {
      names = readdirSync(this.ownerDir(owner));
    } catch {
      return [];
    }
    const out: CreateJournalEntry[] = [];
    for (const name of names) {
      const claim = CLAIM.exec(name);
      if (claim) {
        this.releaseStaleClaim(owner, name, claim[1]!, Number(claim[2]));
        continue;
      }
      if (!FILE.test(name)) continue;
      const entry = this.readEntry(join(this.ownerDir(owner), name));
      if (entry && entry.owner === owner) out.push(entry);
    }
    return out.sort((a, b) => (BigInt(a.dseq) < BigInt(b.dseq) ? -1 : 1));
  }

  /** An entry for (owner, dseq) that was written by a process that is gone. */
  abandonedEntry(owner: string, dseq: bigint | string): CreateJournalEntry | undefined {
    const entry = this.readEntry(this.file(owner, dseq.toString()));
    return entry && entry.pid !== this.self.pid && !writerAlive(entry) ? entry : undefined;
  }

  /** Entries left behind by dead processes of this host and working directory, on `chainId`. */
  abandoned(owner: string, chainId: string): CreateJournalEntry[] {
    return this.entries(owner).filter(
      (e) =>
        e.pid !== this.self.pid &&
        e.host === this.self.host &&
        e.cwd === this.self.cwd &&
        e.chainId === chainId &&
        !writerAlive(e),
    );
  }

  /**
   * Takes over an abandoned entry: exactly one caller (across processes) wins. The entry is re-recorded under
   * this process, so a crash of this process too leaves it adoptable again.
   */
  claim(entry: CreateJournalEntry): boolean {
    const path = this.file(entry.owner, entry.dseq);
    const current = this.readEntry(path);
    if (!current || current.pid === this.self.pid || writerAlive(current)) return false;
    const claimed = `${path}.claim-${this.self.pid}`;
    try {
      renameSync(path, claimed);
    } catch {
      return false; // another process was faster, or it was just removed
    }
    const taken = this.readEntry(claimed);
    if (!taken || taken.pid !== current.pid || taken.time !== current.time) {
      // Rewritten by another process between our read and the rename: not ours to take.
      renameSync(claimed, path);
      return false;
    }
    this.write({
      ...taken,
      pid: this.self.pid,
      pidStart: this.self.pidStart,
      time: new Date().toISOString(),
    });
    rmSync(claimed, { force: true });
    return true;
  }

  /** Terraform shut the provider down normally: its state now knows what we created. */
  clearOwnEntries(): void {
    let owners: string[];
    try {
      owners = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const owner of owners) {
      for (const entry of this.entries(owner)) {
        if (entry.pid !== this.self.pid || entry.host !== this.self.host) continue;
        if (this.unresolved.has(`${entry.owner}/${entry.dseq}`)) continue;
        rmSync(this.file(entry.owner, entry.dseq), { force: true });
      }
    }
  }

  private readEntry(path: string): CreateJournalEntry | undefined {
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<CreateJournalEntry>;
      if (
        typeof parsed.owner !== "string" ||
        typeof parsed.dseq !== "string" ||
        !/^\d+$/.test(parsed.dseq) ||
        typeof parsed.hash !== "string" ||
        typeof parsed.pid !== "number" ||
        typeof parsed.host !== "string"
      ) {
        return undefined;
      }
      return {
        chainId: "",
        height: "0",
        cwd: "",
        time: "",
        ...parsed,
      } as CreateJournalEntry;
    } catch {
      return undefined;
    }
  }

  private releaseStaleClaim(owner: string, name: string, dseq: string, claimant: number): void {
    const path = join(this.ownerDir(owner), name);
    if (claimant === this.self.pid || writerAlive({ pid: claimant, host: this.self.host })) return;
    const target = this.file(owner, dseq);
    try {
      statSync(target);
      unlinkSync(path); // a newer entry exists
    } catch {
      try {
        renameSync(path, target);
      } catch {
        // Another process handled it.
      }
    }
  }
}

/**
 * Whether a failed submit may still have put the transaction on chain: the node was unreachable (the broadcast
 * may have arrived before the connection broke), we stopped waiting, or the failure is not one the chain gave.
 */
export function outcomeUnknown(error: unknown): boolean {
  return !isChainError(error) || ["unreachable", "timeout", "aborted", "unknown"].includes(error.code);
}

let processJournal: CreateJournal | undefined;

/** The journal of this provider process (created on first use). */
export function createJournal(env: NodeJS.ProcessEnv = process.env): CreateJournal {
  processJournal ??= new CreateJournal(journalDirectory(env));
  return processJournal;
}

/** For terraform's Shutdown: clears what this process recorded, if it recorded anything. Never throws. */
export function clearCreateJournalOnShutdown(): void {
  try {
    processJournal?.clearOwnEntries();
  } catch {
    // Leaving entries behind is safe: they are re-checked against the chain before anything is adopted.
  }
}

export interface AdoptionRequest {
  owner: string;
  chainId: string;
  /** Manifest version hash, hex. */
  hash: string;
  signal?: AbortSignal;
  log?: Logger;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Looks for a deployment an interrupted earlier apply created for the same configuration and manifest, and takes
 * it over. Entries whose deployment never reached the chain (after a few blocks), or was closed since, are
 * removed on the way. Returns the adopted deployment, or undefined when a new one must be created.
 */
export async function adoptAbandonedCreate(
  journal: CreateJournal,
  chain: Chain,
  request: AdoptionRequest,
): Promise<Deployment | undefined> {
  let candidates = journal.abandoned(request.owner, request.chainId);
  while (candidates.length > 0) {
    // Another run's transactions changed the chain since anything we cached.
    chain.invalidate();
    // Read the height first: "not on chain" below then holds at least up to this height.
    const height = await chain.latestHeight();
    const waiting: CreateJournalEntry[] = [];
    for (const entry of candidates) {
      const deployment = await chain.deployment(entry.owner, BigInt(entry.dseq));
      if (!deployment) {
        // Never broadcast, or still in the mempool of a node: give a broadcast a few blocks to land.
        if (height >= BigInt(entry.height) + PENDING_BLOCKS) journal.forget(entry.owner, entry.dseq);
        else if (entry.hash === request.hash) waiting.push(entry);
      } else if (deployment.state !== "active") {
        journal.forget(entry.owner, entry.dseq); // closed since: nothing left to adopt
      } else if (entry.hash === request.hash && hex(deployment.hash) === entry.hash && journal.claim(entry)) {
        request.log?.warn("adopting a deployment created by an interrupted terraform run", {
          owner: entry.owner,
          dseq: entry.dseq,
          interruptedPid: entry.pid,
        });
        return deployment;
      }
    }
    if (waiting.length === 0 || request.signal?.aborted) return undefined;
    await pause(1000, request.signal);
    candidates = waiting.filter((e) => journal.abandonedEntry(e.owner, e.dseq));
  }
  return undefined;
}
