/** Presets size services so users need not guess: GPU inference by model, PostgreSQL with a persistent volume. */
import { TerraformStack, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import {
  AkashProvider,
  AkashService,
  Deployment,
  gpuInference,
  Lease,
  postgres,
  sizeInference,
} from "../../../constructs";
import { compileSdl } from "../../../src/sdl";

Testing.setupJest();

describe("sizeInference", () => {
  test("an 8B model at fp16 fits one 24Gi+ GPU", () => {
    const s = sizeInference({ model: "llama-3.1-8b" });
    expect(s.gpuMemoryGib).toBe(18);
    expect(s.gpus).toBe(1);
    expect(s.gpuModels.map((m) => m.model)).toEqual([
      "h200",
      "h100",
      "a100",
      "l40s",
      "a6000",
      "a40",
      "rtx4090",
      "l4",
      "a10",
      "rtx3090",
    ]);
    expect(s.gpuModels[1]).toEqual({ model: "h100", ram: "80Gi" });
    expect(s).toMatchObject({ cpu: 4, memory: "19Gi", storage: "50Gi" });
  });

  test("a 70B model needs two 80Gi GPUs (or one 141Gi) at fp16, one at int4", () => {
    const fp16 = sizeInference({ model: "llama-3.1-70b", gpuModels: ["a100", "h100", "rtx4090"] });
    expect(fp16).toMatchObject({ gpuMemoryGib: 158, gpus: 2, cpu: 8 });
    expect(fp16.gpuModels.map((m) => m.model)).toEqual(["a100", "h100"]);
    const int4 = sizeInference({ model: "llama-3.1-70b", precision: "int4" });
    expect(int4.gpus).toBe(1);
    expect(int4.gpuModels.map((m) => m.model)).toEqual(["h200", "h100", "a100", "l40s", "a6000", "a40"]);
  });

  test("custom models by parameter count; impossible or unknown ones fail with the fix", () => {
    expect(sizeInference({ model: "my-model", parametersBillions: 3 }).gpus).toBe(1);
    expect(() => sizeInference({ model: "gpt-9" })).toThrow('unknown model "gpt-9"; give parametersBillions');
    expect(() => sizeInference({ model: "llama-3.1-405b", gpuModels: ["t4"] })).toThrow(
      "llama-3.1-405b at fp16 needs 906Gi of GPU memory, more than 8 × the largest considered GPU; use a lower precision (int4) or bigger GPUs",
    );
    expect(() => sizeInference({ model: "llama-3.1-8b", gpuModels: ["voodoo5"] })).toThrow(
      'unknown GPU model "voodoo5"',
    );
  });
});

describe("gpuInference", () => {
  test("synthesizes a GPU service whose SDL compiles and whose lease only accepts the fitting GPU models", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AkashProvider(stack, "akash", {});
    new AkashService(stack, "llm", {
      ...gpuInference({ model: "llama-3.1-70b", gpuModels: ["h100", "a100"], servedModel: "meta/llama" }),
      maxPricePerBlock: 200000,
    });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(Lease, {
      bid_policy: { gpu_models: ["h100", "a100"] },
    });
    const parsed = JSON.parse(synthesized) as {
      resource: { akash_deployment: Record<string, { sdl: string }> };
    };
    const sdl = Object.values(parsed.resource.akash_deployment)[0]!.sdl;
    const doc = JSON.parse(sdl);
    expect(doc.services.llm.args).toEqual([
      "--model",
      "meta/llama",
      "--port",
      "8000",
      "--tensor-parallel-size",
      "2",
    ]);
    expect(doc.services.llm.expose).toEqual([{ port: 8000, as: 80, to: [{ global: true }] }]);
    expect(doc.profiles.compute.llm.resources.gpu).toEqual({
      units: 2,
      attributes: {
        vendor: {
          nvidia: [
            { model: "h100", ram: "80Gi" },
            { model: "a100", ram: "80Gi" },
          ],
        },
      },
    });
    expect(compileSdl(sdl).services).toEqual(["llm"]);
  });
});

describe("postgres", () => {
  test("data on a persistent beta2 volume, port 5432 forwarded, password in env", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AkashProvider(stack, "akash", {});
    new AkashService(stack, "db", { ...postgres({ password: "pw", size: "5Gi" }) });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResource(Deployment);
    const parsed = JSON.parse(synthesized) as {
      resource: { akash_deployment: Record<string, { sdl: string }> };
    };
    const doc = JSON.parse(Object.values(parsed.resource.akash_deployment)[0]!.sdl);
    expect(doc.services.db.env).toEqual([
      "POSTGRES_PASSWORD=pw",
      "POSTGRES_USER=postgres",
      "POSTGRES_DB=app",
      "PGDATA=/var/lib/postgresql/data/pgdata",
    ]);
    expect(doc.services.db.params.storage.data.mount).toBe("/var/lib/postgresql/data");
    expect(doc.profiles.compute.db.resources.storage[1]).toEqual({
      name: "data",
      size: "5Gi",
      attributes: { persistent: true, class: "beta2" },
    });
    expect(doc.services.db.expose).toEqual([{ port: 5432, as: 5432, to: [{ global: true }] }]);
  });
});
