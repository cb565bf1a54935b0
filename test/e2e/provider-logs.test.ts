/**
 * Logs a user can follow (#14), through the real terraform binary: with TF_LOG_PROVIDER=DEBUG and TF_LOG_PATH the
 * log file shows the bids, every transaction sent (upper-case hash, message types) and where it landed, and at
 * DEBUG every chain RPC and provider gateway call with its duration. The hashes are real: the localnet's CometBFT
 * RPC finds each one at the logged height. No secret reaches the file: not the mnemonic, nor a piece of it, nor
 * the gateway JWT.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startE2eNet, stateOf, type E2eNet } from "./localnet-terraform";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

jest.setTimeout(300_000);

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 250 });
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
});

// Two of each, applied in parallel: their messages may share a transaction, whose line must still say whose.
const body = `
resource "akash_deployment" "web" {
  count   = 2
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "5000000uact"
}
resource "akash_lease" "web" {
  count    = 2
  dseq     = akash_deployment.web[count.index].dseq
  manifest = akash_deployment.web[count.index].manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "2s"
  }
}
`;
/** The provider's lines in terraform's log file with this message (hclog prints `message: key=value ...`). */
const linesOf = (log: string, message: string) => log.split("\n").filter((l) => l.includes(`: ${message}:`));
const field = (line: string, key: string) => new RegExp(`\\b${key}=("[^"]*"|\\S+)`).exec(line)?.[1];

interface LoggedTx {
  hash: string;
  height: number;
  msgTypes: string;
}

/** Every transaction the log says was sent, with the height its "landed" line gives. */
function transactions(log: string): LoggedTx[] {
  const landed = new Map(
    linesOf(log, "transaction landed").map((l) => [field(l, "tx_hash"), Number(field(l, "height"))]),
  );
  return linesOf(log, "transaction sent").map((line) => {
    const hash = field(line, "tx_hash") ?? "";
    return { hash, height: landed.get(hash) ?? NaN, msgTypes: field(line, "msg_types") ?? "" };
  });
}

/** The transaction as the node's CometBFT RPC has it (Comet's URI form, hash as 0x-hex). */
async function txAtNode(
  hash: string,
): Promise<{ hash: string; height: string; tx_result: { code?: number } }> {
  const res = await fetch(`${e2e.net.node}/tx?hash=0x${hash}`);
  const body = (await res.json()) as {
    result?: { hash: string; height: string; tx_result: { code?: number } };
  };
  if (!body.result) throw new Error(`the node does not know transaction ${hash}: ${JSON.stringify(body)}`);
  return body.result;
}

function expectNoSecrets(log: string): void {
  const words = e2e.net.mnemonic.split(" ");
  expect(log).not.toContain(e2e.net.mnemonic);
  // Nor any three of its words in a row (a mnemonic cut in pieces, or quoted in another shape).
  for (let i = 0; i + 3 <= words.length; i++) expect(log).not.toContain(words.slice(i, i + 3).join(" "));
  expect(log).not.toMatch(/Bearer /);
  expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+/);
}

test("TF_LOG_PROVIDER=DEBUG: bids, real transaction hashes and heights, RPC and gateway calls with durations, no secrets", async () => {
  const dir = await e2e.workspace(body, { "deploy.yaml": webSdl() });
  const applyLogPath = join(dir, "apply.log");
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"], {
    TF_LOG_PROVIDER: "DEBUG",
    TF_LOG_PATH: applyLogPath,
  });
  expect(apply.code).toBe(0);
  const log = readFileSync(applyLogPath, "utf8");
  const leases = await Promise.all(
    [0, 1].map(async (i) => ({
      dseq: (await stateOf(e2e, dir, `akash_deployment.web[${i}]`)).dseq as string,
      provider: (await stateOf(e2e, dir, `akash_lease.web[${i}]`)).provider_address as string,
    })),
  );

  // The bids and the choices (logged by the lease resource).
  expect(linesOf(log, "bid acceptable").length).toBeGreaterThanOrEqual(2);
  expect(
    linesOf(log, "bid chosen")
      .map((l) => field(l, "provider"))
      .sort(),
  ).toEqual(leases.map((l) => l.provider).sort());

  // The deployment's and the lease's transactions: sent with an upper-case hash and their types, then landed.
  const sent = transactions(log);
  expect(sent.map((t) => t.msgTypes)).toEqual(
    expect.arrayContaining([
      expect.stringContaining("MsgCreateDeployment"),
      expect.stringContaining("MsgCreateLease"),
    ]),
  );
  for (const tx of sent) {
    expect(tx.hash).toMatch(/^[0-9A-F]{64}$/);
    expect(tx.height).toBeGreaterThan(0);
    // The hash is the chain's: the node has the transaction, included at the logged height, and it succeeded.
    const found = await txAtNode(tx.hash);
    expect(found.hash.toUpperCase()).toBe(tx.hash);
    expect(Number(found.height)).toBe(tx.height);
    expect(found.tx_result.code ?? 0).toBe(0);
  }
  // Each deployment's and lease's message is named in the line of the transaction that carried it.
  const subjects = linesOf(log, "transaction sent").join("\n");
  for (const { dseq, provider } of leases) {
    expect(subjects).toContain(`createDeployment dseq ${dseq}`);
    expect(subjects).toContain(`createLease lease ${dseq}/1/1 provider ${provider}`);
  }

  // DEBUG: chain RPC calls (method, duration, status) and gateway calls (method, path, status, duration).
  const rpc = linesOf(log, "chain rpc call");
  expect(rpc.length).toBeGreaterThan(0);
  for (const line of rpc) {
    expect(field(line, "method")).toMatch(/^\w+$/);
    expect(field(line, "duration_ms")).toMatch(/^\d+$/);
    expect(field(line, "status")).toMatch(/^(ok|error)$/);
  }
  expect(rpc.some((l) => field(l, "method") === "broadcast_tx_sync" && field(l, "status") === "ok")).toBe(
    true,
  );
  const gateway = linesOf(log, "provider gateway call");
  for (const { dseq, provider } of leases) {
    const manifestPut = gateway.find(
      (l) => field(l, "method") === "PUT" && field(l, "path") === `/deployment/${dseq}/manifest`,
    );
    expect(manifestPut).toBeDefined();
    expect(field(manifestPut!, "provider")).toBe(provider);
    expect(field(manifestPut!, "status")).toBe("200");
    expect(field(manifestPut!, "duration_ms")).toMatch(/^\d+$/);
    expect(field(manifestPut!, "auth")).toBe("jwt");
  }
  expectNoSecrets(log);

  // Destroy: the close is logged the same way, and it is real too.
  const destroyLogPath = join(dir, "destroy.log");
  const destroy = await e2e.tf(dir, ["destroy", "-auto-approve"], {
    TF_LOG_PROVIDER: "INFO",
    TF_LOG_PATH: destroyLogPath,
  });
  expect(destroy.code).toBe(0);
  const destroyLog = readFileSync(destroyLogPath, "utf8");
  const closes = transactions(destroyLog);
  expect(closes.map((t) => t.msgTypes)).toEqual(
    expect.arrayContaining([expect.stringContaining("MsgCloseDeployment")]),
  );
  for (const tx of closes) expect(Number((await txAtNode(tx.hash)).height)).toBe(tx.height);
  // INFO leaves the DEBUG lines out.
  expect(linesOf(destroyLog, "chain rpc call")).toEqual([]);
  expectNoSecrets(destroyLog);
});
