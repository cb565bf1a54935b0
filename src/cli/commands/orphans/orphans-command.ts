/**
 * `akash-cdktf orphans [--close]`: active deployments of the account that no Terraform state tracks.
 *
 * Such deployments keep their escrow deposit locked (and pay their leases) while nobody manages them: left behind
 * by a run that was killed before it wrote its state, by a lost state file, or created by hand. Listing is safe;
 * `--close` closes them, which refunds what is left in escrow.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AkashPorts } from "../../../akash/ports/akash-ports";
import type { Deployment } from "../../../akash/ports/chain";
import type { CreateJournal, CreateJournalEntry } from "../../../akash/ports/create-journal";
import { toHex } from "../../../domain/hex";
import { CompositionRoot } from "../../../provider/composition-root";
import { resolveProviderSettings } from "../../../provider/config";
import type { CommandIO } from "../../io";
import {
  defaultStateFiles,
  trackedInShowJson,
  trackedInStateFile,
  type TrackedDeployments,
} from "./tracked-deployments";

export const ORPHANS_USAGE = `Usage: akash-cdktf orphans [options]

Lists the active deployments of your account that no Terraform state tracks; --close closes them (the escrow
deposit is refunded).

Options:
  --state FILE       a Terraform state file (repeatable). Default: ./terraform.tfstate and the CDKTF stack
                     states ./terraform.<stack>.tfstate in the current directory
  --terraform DIR    read the state with \`terraform show -json\` in DIR (repeatable; for remote backends)
  --owner ADDRESS    the account to check (default: the address of AKASH_MNEMONIC)
  --node URL         CometBFT RPC URL(s), comma-separated (default: AKASH_NODE)
  --close            close the orphaned deployments (needs AKASH_MNEMONIC of the owner)
  --json             print the result as JSON
`;

class UsageError extends Error {}

interface Flags {
  states: string[];
  terraformDirs: string[];
  owner?: string;
  node?: string;
  close: boolean;
  json: boolean;
}

function parseFlags(args: string[], cwd: string): Flags {
  const flags: Flags = { states: [], terraformDirs: [], close: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (!v) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case "--state":
        flags.states.push(resolve(cwd, value()));
        break;
      case "--terraform":
        flags.terraformDirs.push(resolve(cwd, value()));
        break;
      case "--owner":
        flags.owner = value();
        if (!/^[a-z][a-z0-9]*1[02-9ac-hj-np-z]{38,}$/.test(flags.owner)) {
          throw new UsageError(`--owner "${flags.owner}" is not an account address (akash1...)`);
        }
        break;
      case "--node":
        flags.node = value();
        break;
      case "--close":
        flags.close = true;
        break;
      case "--json":
        flags.json = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return flags;
}

function readTracked(flags: Flags, cwd: string): { tracked: TrackedDeployments; sources: string[] } {
  const tracked: TrackedDeployments = new Set();
  const files =
    flags.states.length > 0 || flags.terraformDirs.length > 0 ? flags.states : defaultStateFiles(cwd);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read state file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    try {
      trackedInStateFile(JSON.parse(text), tracked);
    } catch (error) {
      throw new UsageError(`${file} is not a Terraform state file: ${(error as Error).message}`);
    }
  }
  for (const dir of flags.terraformDirs) {
    if (!existsSync(dir)) throw new UsageError(`--terraform ${dir}: no such directory`);
    const show = spawnSync("terraform", ["show", "-json", "-no-color"], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (show.error || show.status !== 0) {
      const reason = show.error ? show.error.message : show.stderr.trim().split("\n").slice(-3).join(" ");
      throw new UsageError(`terraform show -json failed in ${dir}: ${reason}`);
    }
    trackedInShowJson(JSON.parse(show.stdout), tracked);
  }
  return { tracked, sources: [...files, ...flags.terraformDirs.map((d) => `terraform show -json in ${d}`)] };
}

interface Orphan {
  owner: string;
  dseq: string;
  createdAt: string;
  hash: string;
  escrow: string;
  /** Set when an interrupted terraform run of this machine created it. */
  interruptedRun?: { cwd: string; time: string };
  /** Set while a running terraform (this pid) is creating it: not closed, its state will track it. */
  creatingPid?: number;
}

function describe(d: Deployment, journal: CreateJournal, entries: Map<string, CreateJournalEntry>): Orphan {
  const entry = entries.get(d.id.dseq.toString());
  const alive = entry ? journal.writerAlive(entry) : false;
  return {
    owner: d.id.owner,
    dseq: d.id.dseq.toString(),
    createdAt: d.createdAt.toString(),
    hash: toHex(d.hash),
    escrow: (d.escrow?.funds ?? []).map((f) => `${f.amount}${f.denom}`).join(",") || "unknown",
    ...(entry && !alive ? { interruptedRun: { cwd: entry.cwd, time: entry.time } } : {}),
    ...(entry && alive ? { creatingPid: entry.pid } : {}),
  };
}

/** The same ports the provider uses, configured from the flags and the environment. */
function portsFrom(flags: Flags, env: NodeJS.ProcessEnv): AkashPorts {
  return new CompositionRoot(env).portsFor(resolveProviderSettings({ node: flags.node ?? null }, env));
}

export async function runOrphansCommand(
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(ORPHANS_USAGE);
    return 0;
  }
  let flags: Flags;
  let tracked: { tracked: TrackedDeployments; sources: string[] };
  try {
    flags = parseFlags(args, cwd);
    tracked = readTracked(flags, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`orphans: ${error.message}\n\n${ORPHANS_USAGE}`);
    return 2;
  }
  if (tracked.sources.length === 0 && flags.close) {
    io.stderr(
      `orphans: no Terraform state found in ${cwd}, so every active deployment would count as orphaned. Run this ` +
        "in the directory of your configuration, or pass --state FILE / --terraform DIR.",
    );
    return 2;
  }
  if (!(flags.node ?? env.AKASH_NODE)) {
    io.stderr("orphans: no node configured; set AKASH_NODE or pass --node URL (CometBFT RPC).");
    return 2;
  }
  const mnemonic = env.AKASH_MNEMONIC?.trim() || undefined;
  if (!flags.owner && !mnemonic) {
    io.stderr("orphans: which account? Set AKASH_MNEMONIC or pass --owner ADDRESS.");
    return 2;
  }
  if (flags.close && !mnemonic) {
    io.stderr("orphans: --close sends transactions; set AKASH_MNEMONIC to the owner's mnemonic.");
    return 2;
  }

  const ports = portsFrom(flags, env);
  const chain = await ports.chain();
  try {
    const signer = mnemonic ? await ports.signerAddress() : undefined;
    const owner = flags.owner ?? signer ?? "";
    if (flags.close && signer !== owner) {
      io.stderr(`orphans: --close needs the key of ${owner}, but AKASH_MNEMONIC belongs to another account.`);
      return 2;
    }
    const { journal } = ports;
    const entries = new Map(journal.entries(owner).map((e) => [e.dseq, e]));
    const active = await chain.deployments(owner, { state: "active" });
    const orphans = active
      .filter((d) => !tracked.tracked.has(`${owner}/${d.id.dseq}`))
      .map((d) => describe(d, journal, entries));

    const closed: string[] = [];
    const failed: { dseq: string; error: string }[] = [];
    if (flags.close && orphans.length > 0) {
      const signing = await ports.signingChain();
      // Submitted together: the transaction engine sends them as one multi-message transaction.
      await Promise.all(
        orphans
          .filter((o) => o.creatingPid === undefined)
          .map(async (o) => {
            try {
              await signing.transactions.submit({ kind: "closeDeployment", owner, dseq: BigInt(o.dseq) });
              journal.forget(owner, o.dseq);
              closed.push(o.dseq);
            } catch (error) {
              failed.push({ dseq: o.dseq, error: error instanceof Error ? error.message : String(error) });
            }
          }),
      );
    }

    if (flags.json) {
      io.stdout(
        JSON.stringify(
          { owner, sources: tracked.sources, active: active.length, orphans, closed, failed },
          null,
          2,
        ),
      );
    } else {
      io.stdout(report(owner, tracked.sources, active.length, orphans, flags.close, closed, failed));
    }
    return failed.length > 0 ? 1 : 0;
  } finally {
    await chain.close();
  }
}

function report(
  owner: string,
  sources: string[],
  activeCount: number,
  orphans: Orphan[],
  close: boolean,
  closed: string[],
  failed: { dseq: string; error: string }[],
): string {
  const from = sources.length > 0 ? sources.join(", ") : "no state (none found; every deployment is listed)";
  const lines = [`Account ${owner}: ${activeCount} active deployment(s); tracked by: ${from}`];
  if (orphans.length === 0) {
    lines.push("No orphaned deployments.");
    return lines.join("\n");
  }
  lines.push(`${orphans.length} orphaned deployment(s):`);
  for (const o of orphans) {
    const origin = o.interruptedRun
      ? `  created by an interrupted terraform run in ${o.interruptedRun.cwd} at ${o.interruptedRun.time}`
      : o.creatingPid !== undefined
        ? `  being created by a running terraform (provider pid ${o.creatingPid}); left alone`
        : "";
    lines.push(`  dseq ${o.dseq}  created at height ${o.createdAt}  escrow ${o.escrow}${origin}`);
  }
  if (!close) {
    lines.push("Run again with --close to close them (the escrow deposit is refunded to the account).");
  } else {
    if (closed.length > 0) lines.push(`Closed ${closed.length}: ${closed.join(", ")} (escrow refunded).`);
    for (const f of failed) lines.push(`Could not close ${f.dseq}: ${f.error}`);
  }
  return lines.join("\n");
}
