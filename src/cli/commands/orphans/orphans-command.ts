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
import type { Chain, Deployment } from "../../../akash/ports/chain";
import {
  parseIdentityMemo,
  stackHash,
  type DeploymentIdentity,
} from "../../../akash/ports/deployment-identity";
import { ChainError } from "../../../akash/ports/errors";
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

Lists the active deployments of your account that no Terraform state tracks, with the stack that created them
(the memo of their create transaction); --close closes those of the current stack (the escrow deposit is refunded).

Options:
  --state FILE       a Terraform state file (repeatable). Default: ./terraform.tfstate and the CDKTF stack
                     states ./terraform.<stack>.tfstate in the current directory
  --terraform DIR    read the state with \`terraform show -json\` in DIR (repeatable; for remote backends)
  --owner ADDRESS    the account to check (default: the address of AKASH_MNEMONIC)
  --node URL         CometBFT RPC URL(s), comma-separated (default: AKASH_NODE)
  --stack NAME       the stack this configuration is (the provider's \`stack\`; default: AKASH_CDKTF_STACK, else
                     the account's default stack)
  --close            close the orphaned deployments this tool created for the current stack (needs
                     AKASH_MNEMONIC of the owner)
  --all-stacks       with --close: close every orphaned deployment (other stacks' and those made by other tools)
  --json             print the result as JSON
`;

class UsageError extends Error {}

interface Flags {
  states: string[];
  terraformDirs: string[];
  owner?: string;
  node?: string;
  stack?: string;
  close: boolean;
  allStacks: boolean;
  json: boolean;
}

function parseFlags(args: string[], cwd: string): Flags {
  const flags: Flags = { states: [], terraformDirs: [], close: false, allStacks: false, json: false };
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
      case "--all-stacks":
        flags.allStacks = true;
        break;
      case "--stack":
        flags.stack = value();
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

/** The deployments the states track, and where they were read from (for the report). */
interface TrackedSources {
  tracked: TrackedDeployments;
  sources: string[];
}

function readTracked(flags: Flags, cwd: string): TrackedSources {
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
  /** Who created it, from its create transaction's memo; absent when another tool (or an old version) did. */
  createdBy?: { stack: string; key: string; currentStack: boolean };
}

/** The identity its create transaction carries; undefined when none (or the node indexes no transactions). */
async function identityOf(chain: Chain, d: Deployment): Promise<DeploymentIdentity | undefined> {
  const found = await chain.deploymentCreateMemo(d.id.owner, d.id.dseq, d.createdAt);
  return found ? parseIdentityMemo(found.memo)[found.createIndex] : undefined;
}

function describe(
  d: Deployment,
  journal: CreateJournal,
  entries: Map<string, CreateJournalEntry>,
  identity: DeploymentIdentity | undefined,
  currentStack: string,
): Orphan {
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
    ...(identity ? { createdBy: { ...identity, currentStack: identity.stack === currentStack } } : {}),
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
  let tracked: TrackedSources;
  try {
    flags = parseFlags(args, cwd);
    tracked = readTracked(flags, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`orphans: ${error.message}\n\n${ORPHANS_USAGE}`);
    return 2;
  }
  const mnemonic = env.AKASH_MNEMONIC?.trim() || undefined;
  const problem = setupProblem(flags, tracked, { env, cwd, mnemonic });
  if (problem !== undefined) {
    io.stderr(`orphans: ${problem}`);
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
    const currentStack = stackHash(owner, flags.stack ?? (env.AKASH_CDKTF_STACK?.trim() || undefined));
    const { journal } = ports;
    const found = await findOrphans(chain, journal, { owner, tracked: tracked.tracked, currentStack });
    if (!found.indexed && flags.close && !flags.allStacks) {
      io.stderr(
        "orphans: the node indexes no transactions, so which stack created a deployment is unknown; nothing was " +
          "closed. Use a node with tx indexing, or pass --all-stacks to close every untracked deployment.",
      );
      return 1;
    }
    const { orphans } = found;
    const closable = orphans.filter(
      (o) => o.creatingPid === undefined && (flags.allStacks || o.createdBy?.currentStack === true),
    );
    const outcome: CloseOutcome =
      flags.close && closable.length > 0
        ? await closeOrphans(ports, journal, { owner, closable })
        : { closed: [], failed: [] };
    const { closed, failed } = outcome;

    const result: OrphansResult = {
      owner,
      stack: currentStack,
      sources: tracked.sources,
      active: found.activeCount,
      orphans,
      closed,
      failed,
    };
    io.stdout(flags.json ? JSON.stringify(result, null, 2) : report(result, flags.close, flags.allStacks));
    return failed.length > 0 ? 1 : 0;
  } finally {
    await chain.close();
  }
}

/** Why the command cannot run as asked (exit 2), checked before anything is sent to a node. */
function setupProblem(
  flags: Flags,
  tracked: TrackedSources,
  context: { env: NodeJS.ProcessEnv; cwd: string; mnemonic: string | undefined },
): string | undefined {
  const { env, cwd, mnemonic } = context;
  if (tracked.sources.length === 0 && flags.close) {
    return (
      `no Terraform state found in ${cwd}, so every active deployment would count as orphaned. Run this ` +
      "in the directory of your configuration, or pass --state FILE / --terraform DIR."
    );
  }
  if (!(flags.node ?? env.AKASH_NODE))
    return "no node configured; set AKASH_NODE or pass --node URL (CometBFT RPC).";
  if (!flags.owner && !mnemonic) return "which account? Set AKASH_MNEMONIC or pass --owner ADDRESS.";
  if (flags.close && !mnemonic)
    return "--close sends transactions; set AKASH_MNEMONIC to the owner's mnemonic.";
  return undefined;
}

interface FoundOrphans {
  activeCount: number;
  orphans: Orphan[];
  /** False when the node indexes no transactions, so no deployment's creator is known. */
  indexed: boolean;
}

/** The owner's active deployments that no state tracks, each with its origin (journal entry, create memo). */
async function findOrphans(
  chain: Chain,
  journal: CreateJournal,
  query: { owner: string; tracked: TrackedDeployments; currentStack: string },
): Promise<FoundOrphans> {
  const { owner, tracked, currentStack } = query;
  const entries = new Map(journal.entries(owner).map((e) => [e.dseq, e]));
  const active = await chain.deployments(owner, { state: "active" });
  const untracked = active.filter((d) => !tracked.has(`${owner}/${d.id.dseq}`));
  let indexed = true;
  const identities = await Promise.all(
    untracked.map((d) =>
      identityOf(chain, d).catch((error: unknown) => {
        if (!(error instanceof ChainError) || error.code !== "invalid-request") throw error;
        indexed = false;
        return undefined;
      }),
    ),
  );
  const orphans = untracked.map((d, i) => describe(d, journal, entries, identities[i], currentStack));
  return { activeCount: active.length, orphans, indexed };
}

interface CloseOutcome {
  closed: string[];
  failed: { dseq: string; error: string }[];
}

/** Closes the deployments (refunding their escrow) and forgets their journal entries; failures are collected. */
async function closeOrphans(
  ports: AkashPorts,
  journal: CreateJournal,
  target: { owner: string; closable: Orphan[] },
): Promise<CloseOutcome> {
  const { owner, closable } = target;
  const outcome: CloseOutcome = { closed: [], failed: [] };
  const signing = await ports.signingChain();
  // Submitted together: the transaction engine sends them as one multi-message transaction.
  await Promise.all(
    closable.map(async (o) => {
      try {
        await signing.transactions.submit({ kind: "closeDeployment", owner, dseq: BigInt(o.dseq) });
        journal.forget(owner, o.dseq);
        outcome.closed.push(o.dseq);
      } catch (error) {
        outcome.failed.push({ dseq: o.dseq, error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return outcome;
}

/** What the command found and did; printed as is with --json. */
interface OrphansResult extends CloseOutcome {
  owner: string;
  /** The current stack's hash. */
  stack: string;
  sources: string[];
  /** How many active deployments the owner has. */
  active: number;
  orphans: Orphan[];
}

function report(result: OrphansResult, close: boolean, allStacks: boolean): string {
  const { owner, sources, active: activeCount, orphans, closed, failed } = result;
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
    const by = o.createdBy
      ? o.createdBy.currentStack
        ? "  stack: this one"
        : `  stack: another (${o.createdBy.stack})`
      : "  not created by akash-cdktf (no stack)";
    lines.push(`  dseq ${o.dseq}  created at height ${o.createdAt}  escrow ${o.escrow}${by}${origin}`);
  }
  if (!close) {
    lines.push(
      "Run again with --close to close this stack's (the escrow deposit is refunded to the account); " +
        "--close --all-stacks closes them all.",
    );
  } else {
    if (closed.length > 0) lines.push(`Closed ${closed.length}: ${closed.join(", ")} (escrow refunded).`);
    const kept = orphans.filter((o) => !closed.includes(o.dseq) && !failed.some((f) => f.dseq === o.dseq));
    if (kept.length > 0 && !allStacks) {
      lines.push(`Left ${kept.length} of other stacks or tools open; --all-stacks closes them too.`);
    }
    for (const f of failed) lines.push(`Could not close ${f.dseq}: ${f.error}`);
  }
  return lines.join("\n");
}
