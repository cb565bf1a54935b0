/** The frame of `logs`, `events` and `shell`: flags, the lease, a session, and errors said once, without traces. */
import type { CommandIO } from "../../io";
import { parseLeaseFlags, type LeaseFlags } from "./lease-flags";
import { openLeaseSession, type LeaseSession } from "./lease-session";
import { LeaseUsageError, resolveLeaseTarget, type LeaseTarget } from "./lease-target";

export interface LeaseCommandSpec {
  name: string;
  usage: string;
  switches: string[];
  valued: string[];
  /** Checks the command's own flags before anything connects; throws LeaseUsageError. */
  check?: (flags: LeaseFlags) => void;
  run: (session: LeaseSession, flags: LeaseFlags, target: LeaseTarget) => Promise<number>;
}

export async function runLeaseCommand(
  spec: LeaseCommandSpec,
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  let flags: LeaseFlags;
  let target: LeaseTarget;
  try {
    flags = parseLeaseFlags(args, cwd, spec);
    spec.check?.(flags);
    target = resolveLeaseTarget(flags.selector);
  } catch (error) {
    if (!(error instanceof LeaseUsageError)) throw error;
    io.stderr(`${spec.name}: ${error.message}\n\n${spec.usage}`);
    return 2;
  }
  let session: LeaseSession;
  try {
    session = await openLeaseSession(target, env, flags.node);
  } catch (error) {
    if (!(error instanceof LeaseUsageError)) throw error;
    io.stderr(`${spec.name}: ${error.message}`);
    return 2;
  }
  try {
    return await spec.run(session, flags, target);
  } finally {
    await session.close();
  }
}
