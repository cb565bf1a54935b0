/**
 * The composition root: the one place where ports meet their adapters. One per process (the provider process
 * terraform starts, or a CLI run); each configured provider block gets its ports from it, and process-wide
 * services (the create journal, dseq numbering, per-owner task queues) are shared by all of them.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AkashPorts, LocalFiles } from "../akash/ports/akash-ports";
import type { Clock } from "../akash/ports/clock";
import { FileCreateJournal, journalDirectory } from "../akash/adapters/journal/file-create-journal";
import { systemClock } from "../akash/adapters/system-clock";
import { DseqSequence } from "../domain/dseq-sequence";
import { KeyedTaskQueue } from "../domain/task-queue";
import { silentLogger, type Logger } from "../framework/logger";
import { AkashClients, type ProcessServices } from "./clients";
import type { ProviderSettings } from "./config";

export class CompositionRoot implements ProcessServices {
  readonly journal: FileCreateJournal;
  readonly clock: Clock = systemClock;
  readonly dseqs = new DseqSequence(systemClock);
  readonly queue = new KeyedTaskQueue();
  /** The provider runs in terraform's working directory: relative paths are the configuration's. */
  readonly files: LocalFiles = {
    readText: (path) => readFileSync(resolve(process.cwd(), path), "utf8"),
  };

  /** `log`: the provider process's stderr logger; a CLI run logs nothing. */
  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly log: Logger = silentLogger,
  ) {
    this.journal = new FileCreateJournal(journalDirectory(env));
  }

  /** The ports for one provider block (or for the CLI, from the environment). */
  portsFor(settings: ProviderSettings): AkashPorts {
    return new AkashClients(settings, this);
  }

  /** Terraform shut the provider down normally: its state knows what we created. Never throws. */
  shutdown(): void {
    try {
      this.journal.clearOwnEntries();
    } catch {
      // Leaving entries behind is safe: they are re-checked against the chain before anything is adopted.
    }
  }
}
