/**
 * An in-memory CreateJournal. Entries this process records belong to a live writer; `leaveAbandoned` adds one
 * that a dead process left behind (what a killed apply leaves). `failRecording` makes `record` throw, as a
 * journal on a read-only disk does.
 */
import {
  JournalError,
  type CreateJournal,
  type CreateJournalEntry,
  type PlannedCreate,
} from "../../../src/akash/ports/create-journal";

interface Kept {
  entry: CreateJournalEntry;
  writerAlive: boolean;
  claimed: boolean;
  unresolved: boolean;
}

export class FakeJournal implements CreateJournal {
  failRecording = false;
  private readonly kept = new Map<string, Kept>();

  /** What the journal holds for (owner, dseq), with its flags. */
  lookup(owner: string, dseq: bigint | string): Kept | undefined {
    return this.kept.get(`${owner}/${dseq}`);
  }

  leaveAbandoned(entry: PlannedCreate): void {
    this.kept.set(`${entry.owner}/${entry.dseq}`, {
      entry: this.entryOf(entry, 424242),
      writerAlive: false,
      claimed: false,
      unresolved: true,
    });
  }

  private entryOf(e: PlannedCreate, pid: number): CreateJournalEntry {
    return {
      owner: e.owner,
      dseq: e.dseq.toString(),
      hash: e.hash,
      chainId: e.chainId,
      height: e.height.toString(),
      pid,
      host: "fakehost",
      cwd: "/fake",
      time: new Date(0).toISOString(),
    };
  }

  record(entry: PlannedCreate): void {
    if (this.failRecording) throw new JournalError("the journal directory is read-only");
    this.kept.set(`${entry.owner}/${entry.dseq}`, {
      entry: this.entryOf(entry, process.pid),
      writerAlive: true,
      claimed: false,
      unresolved: false,
    });
  }

  forget(owner: string, dseq: bigint | string): void {
    this.kept.delete(`${owner}/${dseq}`);
  }

  forgetAbandoned(owner: string, dseq: bigint): void {
    const kept = this.lookup(owner, dseq);
    if (kept && !kept.writerAlive) this.forget(owner, dseq);
  }

  markUnresolved(owner: string, dseq: bigint): void {
    const kept = this.lookup(owner, dseq);
    if (kept) kept.unresolved = true;
  }

  entries(owner: string): CreateJournalEntry[] {
    return [...this.kept.values()]
      .filter((k) => k.entry.owner === owner)
      .map((k) => k.entry)
      .sort((a, b) => (BigInt(a.dseq) < BigInt(b.dseq) ? -1 : 1));
  }

  abandoned(owner: string, chainId: string): CreateJournalEntry[] {
    return [...this.kept.values()]
      .filter((k) => !k.writerAlive && !k.claimed && k.entry.owner === owner && k.entry.chainId === chainId)
      .map((k) => k.entry);
  }

  isAbandoned(owner: string, dseq: bigint | string): boolean {
    const kept = this.lookup(owner, dseq);
    return kept !== undefined && !kept.writerAlive && !kept.claimed;
  }

  writerAlive(entry: CreateJournalEntry): boolean {
    return this.lookup(entry.owner, entry.dseq)?.writerAlive ?? false;
  }

  claim(entry: CreateJournalEntry): boolean {
    const kept = this.lookup(entry.owner, entry.dseq);
    if (!kept || kept.claimed || kept.writerAlive) return false;
    kept.claimed = true;
    return true;
  }
}
