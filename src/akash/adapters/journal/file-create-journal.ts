/**
 * The create journal on the local disk (the CreateJournal port): one file per entry,
 * `<dir>/<owner>/<dseq>.json`, written atomically; processes never share a file. Entries of live processes (or of
 * other hosts) are never touched, and adoption is limited to entries of the same working directory and chain.
 * Entries are removed when terraform shuts the provider down normally (the state file then knows about the
 * deployment), when a refresh shows the deployment is tracked, when it is closed, or when it never reached the
 * chain; an entry whose create ended without telling terraform (outcome unknown) survives the shutdown.
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
import {
  JournalError,
  type CreateJournal,
  type CreateJournalEntry,
  type PlannedCreate,
} from "../../ports/create-journal";

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

export class FileCreateJournal implements CreateJournal {
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
  record(entry: PlannedCreate): void {
    try {
      this.writeNew(entry);
    } catch (error) {
      throw new JournalError(
        `The provider records each deployment before creating it, so that a killed terraform run cannot leave an ` +
          `untracked deployment behind, but ${this.dir} is not writable ` +
          `(${(error as NodeJS.ErrnoException).code ?? String(error)}). Set AKASH_CDKTF_STATE_DIR to a writable ` +
          "directory.",
      );
    }
  }

  private writeNew(entry: PlannedCreate): void {
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

  isAbandoned(owner: string, dseq: bigint | string): boolean {
    return this.abandonedEntry(owner, dseq) !== undefined;
  }

  writerAlive(entry: CreateJournalEntry): boolean {
    return writerAlive(entry);
  }

  /** An entry for (owner, dseq) that was written by a process that is gone. */
  private abandonedEntry(owner: string, dseq: bigint | string): CreateJournalEntry | undefined {
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
