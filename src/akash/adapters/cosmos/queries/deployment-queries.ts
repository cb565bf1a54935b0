/**
 * akash.deployment.v1beta4 queries: one deployment (with groups, escrow and its v2.1 reclamation requirement), an
 * owner's deployments, and params. Concurrent lookups of one owner's deployments become one list query.
 */
import type { Deployment, DeploymentParams, DeploymentState } from "../../../ports/chain";
import * as convert from "../convert";
import { Batcher, type QueryCache } from "../query-coalescer";
import { deploymentReclamation, listInner } from "../v21-fields";
import { messageAt } from "../v21-wire";
import type { QueryRunner } from "./query-runner";

export class DeploymentQueries {
  private readonly batcher: Batcher<bigint, Deployment | undefined>;

  constructor(
    private readonly runner: QueryRunner,
    private readonly cache: QueryCache,
    batchWindowMs: number,
  ) {
    this.batcher = new Batcher(batchWindowMs, (owner, dseqs) => this.resolve(owner, dseqs));
  }

  private direct(owner: string, dseq: bigint): Promise<Deployment | undefined> {
    return this.cache.shared(`deployment:${owner}/${dseq}`, async () => {
      const res = await this.runner.lookup(
        "/akash.deployment.v1beta4.Query/Deployment",
        (p) => [p.v1beta4.QueryDeploymentRequest, { id: { owner, dseq: dseq.toString() } }],
        (p) => p.v1beta4.QueryDeploymentResponse,
      );
      if (!res?.value.deployment) return undefined;
      return convert.deployment(res.value, deploymentReclamation(messageAt(res.bytes, 1)));
    });
  }

  private ofOwner(owner: string): Promise<Deployment[]> {
    return this.cache.shared(`deployments:${owner}`, () =>
      this.runner.list(
        "/akash.deployment.v1beta4.Query/Deployments",
        (p) => p.v1beta4.QueryDeploymentsRequest,
        { filters: { owner } },
        (p) => p.v1beta4.QueryDeploymentsResponse,
        (r, bytes) => {
          const raw = listInner(bytes, 1);
          return r.deployments.flatMap((d, i) =>
            d.deployment ? [convert.deployment(d, deploymentReclamation(raw[i]))] : [],
          );
        },
      ),
    );
  }

  private async resolve(owner: string, dseqs: bigint[]): Promise<(Deployment | undefined)[]> {
    const unique = new Set(dseqs);
    if (unique.size === 1 && !this.cache.peek(`deployments:${owner}`)) {
      const one = await this.direct(owner, dseqs[0]!);
      return dseqs.map(() => one);
    }
    const all = await this.ofOwner(owner);
    return dseqs.map((dseq) => all.find((d) => d.id.dseq === dseq));
  }

  async deployment(owner: string, dseq: bigint): Promise<Deployment | undefined> {
    const snapshot = this.cache.peek<Deployment[]>(`deployments:${owner}`);
    if (snapshot) return (await snapshot).find((d) => d.id.dseq === dseq);
    const single = this.cache.peek<Deployment | undefined>(`deployment:${owner}/${dseq}`);
    if (single) return single;
    return this.batcher.request(owner, dseq);
  }

  async deployments(owner: string, filter: { state?: DeploymentState } = {}): Promise<Deployment[]> {
    const all = await this.ofOwner(owner);
    return filter.state ? all.filter((d) => d.state === filter.state) : all;
  }

  params(): Promise<DeploymentParams> {
    return this.cache.shared("deployment-params", async () => {
      const res = await this.runner.query(
        "/akash.deployment.v1beta4.Query/Params",
        (p) => [p.v1beta4.QueryParamsRequest, {}],
        (p) => p.v1beta4.QueryParamsResponse,
      );
      return { minDeposits: convert.coins(res.params?.minDeposits) };
    });
  }
}
