/**
 * `n` deployments of the workspace's deploy.yaml, each with a lease that takes a bid of at most 1000 uact after
 * collecting bids for `collect` (default 1 s; null: the provider's default window): the shape of config that makes
 * many operations sign at the same time.
 */
export const deploymentsWithLeasesTf = (n: number, collect: string | null = "1s"): string => `
resource "akash_deployment" "web" {
  count = ${n}
  sdl   = file("\${path.module}/deploy.yaml")
}
resource "akash_lease" "web" {
  count    = ${n}
  dseq     = akash_deployment.web[count.index].dseq
  manifest = akash_deployment.web[count.index].manifest_json
  bid_policy {
    max_price = { uact = "1000" }${collect === null ? "" : `\n    collect   = "${collect}"`}
  }
}
`;
