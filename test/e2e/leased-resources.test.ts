/**
 * The GPU actually leased, through the real terraform binary: an SDL that accepts an A100 or an H100 leases from
 * the localnet's GPU provider, whose bid names the one model it allocates (as real providers' bids do), and the
 * lease's state shows it per service with the CPU, memory and storage offered.
 */
import { importStep } from "./acceptance";
import { stateOf, startE2eNet, type E2eNet } from "./localnet-terraform";

let e2e: E2eNet;

beforeAll(async () => {
  // Provider 1 has NVIDIA A100 and H100 GPUs.
  e2e = await startE2eNet({ blockTimeMs: 250, providers: 2 });
});

afterAll(async () => {
  await e2e?.stop();
});

const gpuSdl = `---
version: "2.0"
services:
  infer:
    image: vllm/vllm-openai:v0.6.3
    expose:
      - port: 8000
        as: 80
        to:
          - global: true
profiles:
  compute:
    gpu:
      resources:
        cpu:
          units: 4
        memory:
          size: 16Gi
        storage:
          - size: 20Gi
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: a100
                - model: h100
  placement:
    dc:
      pricing:
        gpu:
          denom: uact
          amount: 100000
deployment:
  infer:
    dc:
      profile: gpu
      count: 1
`;

test("a GPU lease records the model the provider allocated, and the next plan is empty", async () => {
  const dir = await e2e.workspace(
    `
resource "akash_deployment" "gpu" {
  sdl = file("\${path.module}/deploy.yaml")
}
resource "akash_lease" "gpu" {
  dseq     = akash_deployment.gpu.dseq
  manifest = akash_deployment.gpu.manifest_json
  bid_policy {
    max_price = { uact = "100000" }
    collect   = "1s"
  }
}
output "gpu_model" { value = akash_lease.gpu.leased_resources[0].gpu_model }
`,
    { "deploy.yaml": gpuSdl },
  );
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  const lease = await stateOf(e2e, dir, "akash_lease.gpu");
  expect(lease.provider_address).toBe(e2e.net.providers[1]!.address);
  expect(lease.leased_resources).toEqual([
    {
      service: "infer",
      count: 1,
      cpu: "4",
      memory: "16Gi",
      storage: ["default 20Gi"],
      gpu: 1,
      gpu_vendor: "nvidia",
      gpu_model: "a100",
      gpu_ram: "80Gi",
      gpu_interface: "sxm",
    },
  ]);
  const output = await e2e.tf(dir, ["output", "-raw", "gpu_model"]);
  expect(output.stdout).toBe("a100");
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);

  // An import reads the same from the bid on chain.
  const id = String(lease.id).split("/").slice(1).join("/");
  await importStep(
    e2e,
    dir,
    [
      {
        address: "akash_deployment.gpu",
        id: `${String(lease.dseq)},sdl=deploy.yaml`,
        ignore: ["balance", "runway", "timeouts"],
      },
      { address: "akash_lease.gpu", id, ignore: ["bid_policy", "timeouts"] },
    ],
    { planNotEmptyBecause: "the bid policy is create-time configuration the chain does not hold" },
  );
  expect((await e2e.tf(dir, ["state", "rm", "akash_lease.gpu"])).code).toBe(0);
  expect((await e2e.tf(dir, ["import", "akash_lease.gpu", id])).code).toBe(0);
  expect((await stateOf(e2e, dir, "akash_lease.gpu")).leased_resources).toEqual(lease.leased_resources);
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
});
