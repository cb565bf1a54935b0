/**
 * The CreateJournal port: a record, written before a deployment's create transaction is broadcast, that a later
 * provider process on the same machine can use to adopt a deployment an interrupted apply left on chain. It is a
 * fast path only: what every runner can see is on chain (see the deployment resource's crash recovery).
 */
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

/** What is about to be created: the deployment, its manifest hash, and where and when on chain. */
export interface PlannedCreate {
  owner: string;
  dseq: bigint;
  /** Manifest version hash, hex. */
  hash: string;
  chainId: string;
  height: bigint;
}

export interface CreateJournal {
  /** Writes down a deployment this process is about to create. Call before broadcasting. */
  record(entry: PlannedCreate): void;
  /** The create failed for certain (nothing reached the chain), or the deployment is tracked or closed. */
  forget(owner: string, dseq: bigint | string): void;
  /** A refresh found (owner, dseq) in a state: an entry an interrupted run left for it is resolved. */
  forgetAbandoned(owner: string, dseq: bigint): void;
  /** The create ended without terraform learning about the deployment: keep the entry when shutting down. */
  markUnresolved(owner: string, dseq: bigint): void;
  /** Entries of `owner`, oldest dseq first. */
  entries(owner: string): CreateJournalEntry[];
  /** Entries left behind by dead processes of this host and working directory, on `chainId`. */
  abandoned(owner: string, chainId: string): CreateJournalEntry[];
  /** Whether the entry for (owner, dseq) was written by a process that is gone. */
  isAbandoned(owner: string, dseq: bigint | string): boolean;
  /** Whether the process that wrote the entry may still be running. */
  writerAlive(entry: CreateJournalEntry): boolean;
  /** Takes over an abandoned entry: exactly one caller (across processes) wins. */
  claim(entry: CreateJournalEntry): boolean;
}

/** The journal cannot be written: nothing is broadcast then, since a crash could not be recovered from. */
export class JournalError extends Error {
  override readonly name = "JournalError";
}
