/** The options `logs`, `events` and `shell` share: which lease, and where the chain is. */
import { resolve } from "node:path";
import { LeaseUsageError, type LeaseSelector } from "./lease-target";

export const LEASE_OPTIONS = `Which lease (one of):
  ADDRESS              an akash_lease resource address, e.g. akash_lease.web or module.app.akash_lease.web[0],
                       read with \`terraform show -json\` in the current directory (remote state works)
  --dseq N --provider ADDRESS [--gseq N] [--oseq N]
                       a lease of the AKASH_MNEMONIC account (gseq and oseq default to 1)

  --terraform DIR      run terraform show in DIR instead of the current directory
  --node URL           CometBFT RPC URL(s), comma-separated (default: AKASH_NODE)

Environment:
  AKASH_NODE           the chain: the provider's host and TLS certificate are checked against it
  AKASH_MNEMONIC       the lease owner's key: signs the provider token (JWT). Not needed when the lease's state
                       holds a client certificate (provider_auth = "mtls"). Never printed.
`;

export interface LeaseFlags {
  selector: LeaseSelector;
  node?: string;
  /** Command-specific flags, by name; true for switches. */
  own: Map<string, string | true>;
  /** After a lone "--". */
  rest: string[];
}

/** `switches` take no value, `valued` take one; anything else is an error. */
export function parseLeaseFlags(
  args: string[],
  cwd: string,
  spec: { switches: string[]; valued: string[] },
): LeaseFlags {
  const selector: LeaseSelector = { dir: cwd };
  const flags: LeaseFlags = { selector, own: new Map(), rest: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      flags.rest = args.slice(i + 1);
      break;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new LeaseUsageError(`${name} needs a value`);
      return v;
    };
    if (!name.startsWith("-")) {
      if (selector.address !== undefined) throw new LeaseUsageError(`unexpected argument "${arg}"`);
      selector.address = arg;
      continue;
    }
    switch (name) {
      case "--dseq":
        selector.dseq = value();
        break;
      case "--gseq":
        selector.gseq = value();
        break;
      case "--oseq":
        selector.oseq = value();
        break;
      case "--provider":
        selector.provider = value();
        break;
      case "--terraform":
        selector.dir = resolve(cwd, value());
        break;
      case "--node":
        flags.node = value();
        break;
      default:
        if (spec.switches.includes(name)) flags.own.set(name, true);
        else if (spec.valued.includes(name)) flags.own.set(name, value());
        else throw new LeaseUsageError(`unknown option "${arg}"`);
    }
  }
  return flags;
}
