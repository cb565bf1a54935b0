/**
 * gpu-inference: an OpenAI-compatible LLM server (vLLM) for Llama 3.1 8B. The `gpuInference` preset sizes it from
 * the model (GPU memory → GPU count and the models that fit, CPU, memory, disk); the bid policy then only accepts
 * providers that offer one of the chosen GPU models — here narrowed to H100 or A100.
 *
 * The provider reads AKASH_NODE and AKASH_MNEMONIC from the environment.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AkashProvider, AkashService, gpuInference, sizeInference } from "akash-cdktf";

const MODEL = {
  model: "llama-3.1-8b",
  servedModel: "meta-llama/Llama-3.1-8B-Instruct",
  gpuModels: ["h100", "a100"],
};

export class GpuInference extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AkashProvider(this, "akash", {});
    const llm = new AkashService(this, "llm", {
      ...gpuInference(MODEL),
      // A GPU costs far more per block than a CPU service: leave room for the bids.
      maxPricePerBlock: 200000,
      leaseTimeouts: { create: "10m" },
    });
    new TerraformOutput(this, "api_url", { value: `${llm.url}/v1` });
    new TerraformOutput(this, "provider", { value: llm.provider });
    new TerraformOutput(this, "price", { value: llm.price });
    new TerraformOutput(this, "dseq", { value: llm.dseq });
    new TerraformOutput(this, "gpus", { value: sizeInference(MODEL).gpus });
  }
}

const app = new App();
new GpuInference(app, "gpu-inference");
app.synth();
