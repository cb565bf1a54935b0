/**
 * Module-level performance budget (the benchmark, minus signature checks which the core owns): 200
 * deployment creates execute under 1 s; at 1,000 deployments single lookups and a 100-order page stay
 * under 5 ms, a 100-deployment page (groups + escrow accounts embedded) under 10 ms.
 */
import {
  MsgCreateDeployment,
  QueryDeploymentRequest,
  QueryDeploymentsRequest,
  QueryDeploymentsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { QueryOrdersRequest } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { akashModules } from "../../../src/localnet/chain/modules/akash";
import { MemoryChain } from "./support/memory-chain";
import { address, groupSpec, hashOf } from "./support/fixtures";

const owners = Array.from({ length: 10 }, (_, i) => address(`owner ${i}`));

function create(chain: MemoryChain, owner: string, dseq: number): void {
  chain.deliver("/akash.deployment.v1beta4.MsgCreateDeployment", MsgCreateDeployment, {
    id: { owner, dseq },
    groups: [groupSpec()],
    hash: hashOf(`perf ${dseq}`),
    deposit: { amount: { denom: "uact", amount: "500000" }, sources: [1] },
  });
}

/** The chain-side cost only: responses stay as bytes (decoding them is the client's cost). */
const raw = { decode: (bytes: Uint8Array) => bytes };

/**
 * The lower quartile of 15 runs: the code's own cost. CI shares 2 cores between two jest workers (and more), so
 * a median can double from scheduling alone; the bench (scripts/bench-localnet.mjs) reports p50/p95 instead.
 */
function quickMs(fn: () => unknown, runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 4)] ?? 0;
}

it("executes 200 creates in under a second and answers queries at 1,000 deployments under 5 ms", () => {
  const chain = new MemoryChain(akashModules(), { atomic: false });
  chain.initGenesis({});
  for (const owner of owners) chain.fund(owner, [{ denom: "uact", amount: 10_000_000_000n }]);
  for (let i = 0; i < 800; i++) create(chain, owners[i % owners.length] ?? "", 1000 + i);

  const start = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) create(chain, owners[i % owners.length] ?? "", 5000 + i);
  const blockMs = Number(process.hrtime.bigint() - start) / 1e6;
  // The block budget. Typically ~100 ms; the margin absorbs a CI box whose 2 cores are shared with the
  // other jest worker (scripts/bench-localnet.mjs measures the full path precisely).
  expect(blockMs).toBeLessThan(1000);

  const owner = owners[3] ?? "";
  const byOwner = QueryDeploymentsRequest.encode(
    QueryDeploymentsRequest.fromPartial({ filters: { owner, state: "active" }, pagination: { limit: 100 } }),
  ).finish();
  const one = QueryDeploymentRequest.encode(
    QueryDeploymentRequest.fromPartial({ id: { owner, dseq: 1003 } }),
  ).finish();
  const openOrders = QueryOrdersRequest.encode(
    QueryOrdersRequest.fromPartial({ filters: { state: "open" }, pagination: { limit: 100 } }),
  ).finish();
  expect(
    chain.query("/akash.deployment.v1beta4.Query/Deployments", byOwner, QueryDeploymentsResponse).deployments,
  ).toHaveLength(100);
  expect(
    quickMs(() => chain.query("/akash.deployment.v1beta4.Query/Deployments", byOwner, raw)),
  ).toBeLessThan(10); // a full 100-item page with groups and escrow accounts; single lookups below stay under 5 ms
  expect(quickMs(() => chain.query("/akash.deployment.v1beta4.Query/Deployment", one, raw))).toBeLessThan(5);
  expect(quickMs(() => chain.query("/akash.market.v1beta5.Query/Orders", openOrders, raw))).toBeLessThan(5);
});
