/**
 * Usage of `akash-cdktf main` and `akash-cdktf destroy`, apart from the jobs themselves so that `--help` loads
 * neither esbuild, cdktf nor the chain clients.
 */

export const MAIN_USAGE = `Usage: akash-cdktf main [options]          (npm start -- [options])

Deploys the hello-world example (examples/hello-world) with cdktf and prints where it runs and what it costs.
The full cdktf/terraform output goes to .localnet/main.log.

Without AKASH_NODE it targets the embedded localnet: an Akash chain and 3 providers on 127.0.0.1, state in
./.localnet. The localnet runs no containers (its providers accept the manifest and report the service as
running), so the service URL it prints does not resolve. The localnet stops when the job ends unless
--keep-running is given; the next run resumes it from ./.localnet.

With AKASH_NODE it targets that network, which costs real money: it shows the network, the account, its
balance and the estimated cost, and asks before creating anything. Without a terminal it refuses unless
--confirm-chain names the network's chain id.

Options:
  --port N             localnet RPC port (default 26657, or free ports when 26657 is taken; 0 = any free
                       port). On a new ./.localnet the providers' gateways use N+100, N+101, N+102.
  --keep-running       keep the localnet running after the deployment, until Ctrl-C
  --confirm-chain ID   deploy to the AKASH_NODE network without asking if its chain id is ID
  -h, --help           print this help

Environment:
  AKASH_NODE       CometBFT RPC URL of the network to deploy to instead of the localnet (comma-separated
                   URLs fail over)
  AKASH_MNEMONIC   mnemonic of the paying account; required with AKASH_NODE; never printed
  AKASH_CHAIN_ID   the chain id AKASH_NODE must report; the job stops if it reports another
  CI               passed to cdktf; the job sets it to 1 when unset, so cdktf never prompts
  AKASH_GRANTER, AKASH_FEE_GRANTER, AKASH_DEPOSIT_GRANTER, AKASH_CDKTF_STATE_DIR, AKASH_CDKTF_STACK, TF_LOG and
  the rest of the environment are passed to cdktf and the provider unchanged (see the README's provider
  configuration).
`;

export const DESTROY_USAGE = `Usage: akash-cdktf destroy [options]       (npm run destroy -- [options])

Destroys what \`akash-cdktf main\` deployed from this folder, on the network it deployed to, and reports the
escrow refund. The full cdktf/terraform output goes to a log file it names. After destroying a localnet
deployment it removes ./.localnet (chain state included).

A deployment on an AKASH_NODE network is destroyed with the same AKASH_NODE and AKASH_MNEMONIC; destroy refuses
to run against another network than the one the deployment is on.

Options:
  --port N     localnet RPC port (as for main)
  -h, --help   print this help

Environment: as for main (AKASH_NODE, AKASH_MNEMONIC, AKASH_CHAIN_ID, and the provider's variables).
`;
