/**
 * Preset: an LLM inference server sized by its model, so users do not have to guess how many GPUs of which kind,
 * how much memory and disk a model needs. The result is plain `AkashService` props — spread it and override
 * anything:
 *
 *   new AkashService(this, "llm", { ...gpuInference({ model: "llama-3.1-8b" }), maxPricePerBlock: 200000 });
 *
 * Sizing rule: weights = parameters × bytes per parameter (by precision); GPU memory needed = weights × 1.2 (KV
 * cache and activations); GPUs = the smallest power of two (tensor parallelism splits evenly) whose total memory
 * fits, on the models that fit with that count.
 */
import type { AkashServiceProps } from "./akash-service";
import type { GpuModelSpec } from "./service-spec";

export type InferencePrecision = "fp16" | "fp8" | "int8" | "int4";

/** Well-known open models and their size in billions of parameters. */
export const INFERENCE_MODELS: Readonly<Record<string, number>> = {
  "llama-3.2-1b": 1.24,
  "llama-3.2-3b": 3.21,
  "llama-3.1-8b": 8.03,
  "llama-3.1-70b": 70.6,
  "llama-3.1-405b": 405,
  "mistral-7b": 7.25,
  "mixtral-8x7b": 46.7,
  "qwen2.5-7b": 7.62,
  "qwen2.5-32b": 32.8,
  "qwen2.5-72b": 72.7,
  "gemma-2-9b": 9.24,
  "gemma-2-27b": 27.2,
  "deepseek-r1-distill-qwen-32b": 32.8,
};

/** Memory per GPU (GiB) of the NVIDIA models providers commonly offer; the `ram` pins the variant. */
export const GPU_MEMORY_GIB: Readonly<Record<string, number>> = {
  h200: 141,
  h100: 80,
  a100: 80,
  l40s: 48,
  a6000: 48,
  a40: 48,
  rtx4090: 24,
  l4: 24,
  a10: 24,
  rtx3090: 24,
  t4: 16,
};

const BYTES_PER_PARAMETER: Record<InferencePrecision, number> = { fp16: 2, fp8: 1, int8: 1, int4: 0.5 };
const OVERHEAD = 1.2;
const GIB = 1024 ** 3;
const MAX_GPUS = 8;

export interface GpuInferenceProps {
  /** A model of `INFERENCE_MODELS` (e.g. `llama-3.1-8b`), or any name when `parametersBillions` is given. */
  readonly model: string;
  /** Model size in billions of parameters; needed for models not in `INFERENCE_MODELS`. */
  readonly parametersBillions?: number;
  /** Weight precision. Default `fp16`. */
  readonly precision?: InferencePrecision;
  /** GPU models to consider. Default: every model of `GPU_MEMORY_GIB`. */
  readonly gpuModels?: string[];
  /** Server image. Default `vllm/vllm-openai:v0.6.3`, serving an OpenAI-compatible API on `port`. */
  readonly image?: string;
  /** Model id the server loads (e.g. a Hugging Face repo). Default: `model`. */
  readonly servedModel?: string;
  /** Container port of the API. Default 8000, exposed as 80 (an ingress hostname). */
  readonly port?: number;
}

export interface InferenceSizing {
  /** GPU memory the model needs, in GiB (weights plus 20%). */
  readonly gpuMemoryGib: number;
  /** GPUs per replica. */
  readonly gpus: number;
  /** GPU models that fit with that many GPUs, largest memory first. */
  readonly gpuModels: GpuModelSpec[];
  /** CPU cores: 4 per GPU (tokenization and batching), at most 32. */
  readonly cpu: number;
  /** Host memory: the weights pass through it while loading (at least 16Gi). */
  readonly memory: string;
  /** Ephemeral disk: twice the weights (download plus converted copy) and 20Gi for the image. */
  readonly storage: string;
}

/** How much hardware `props.model` needs. Throws with the reason when no GPU set up to 8 GPUs can hold it. */
export function sizeInference(props: GpuInferenceProps): InferenceSizing {
  const billions = props.parametersBillions ?? INFERENCE_MODELS[props.model];
  if (billions === undefined) {
    throw new Error(
      `gpuInference: unknown model "${props.model}"; give parametersBillions, or use one of ${Object.keys(INFERENCE_MODELS).join(", ")}`,
    );
  }
  if (!(billions > 0)) throw new Error(`gpuInference: parametersBillions must be positive (got ${billions})`);
  const precision = props.precision ?? "fp16";
  const weightsGib = (billions * 1e9 * BYTES_PER_PARAMETER[precision]) / GIB;
  const needGib = Math.ceil(weightsGib * OVERHEAD);
  const candidates = (props.gpuModels ?? Object.keys(GPU_MEMORY_GIB)).map((model) => {
    const memory = GPU_MEMORY_GIB[model];
    if (memory === undefined)
      throw new Error(
        `gpuInference: unknown GPU model "${model}"; known: ${Object.keys(GPU_MEMORY_GIB).join(", ")}`,
      );
    return { model, memory };
  });
  for (let gpus = 1; gpus <= MAX_GPUS; gpus *= 2) {
    const fitting = candidates.filter((c) => c.memory * gpus >= needGib).sort((a, b) => b.memory - a.memory);
    if (fitting.length === 0) continue;
    return {
      gpuMemoryGib: needGib,
      gpus,
      gpuModels: fitting.map((c) => ({ model: c.model, ram: `${c.memory}Gi` })),
      cpu: Math.min(4 * gpus, 32),
      memory: `${Math.max(16, Math.ceil(weightsGib * 1.25))}Gi`,
      storage: `${Math.ceil(weightsGib * 2) + 20}Gi`,
    };
  }
  throw new Error(
    `gpuInference: ${props.model} at ${precision} needs ${needGib}Gi of GPU memory, more than ${MAX_GPUS} × the largest considered GPU; use a lower precision (int4) or bigger GPUs`,
  );
}

/** `AkashService` props for an inference server of `props.model`, with a bid policy restricted to fitting GPUs. */
export function gpuInference(props: GpuInferenceProps): AkashServiceProps {
  const sizing = sizeInference(props);
  const port = props.port ?? 8000;
  return {
    image: props.image ?? "vllm/vllm-openai:v0.6.3",
    args: [
      "--model",
      props.servedModel ?? props.model,
      "--port",
      String(port),
      ...(sizing.gpus > 1 ? ["--tensor-parallel-size", String(sizing.gpus)] : []),
    ],
    cpu: sizing.cpu,
    memory: sizing.memory,
    storage: sizing.storage,
    gpu: { units: sizing.gpus, models: sizing.gpuModels },
    expose: [{ port, as: 80 }],
    bidPolicy: { gpuModels: sizing.gpuModels.map((m) => m.model) },
  };
}
