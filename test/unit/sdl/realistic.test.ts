/** A realistic SDL exercising GPUs, persistent storage, permissions and credentials compiles as Go would. */
import { compileSdl } from "../../../src/sdl";

const yaml = `
version: 2.0
services:
  llm:
    image: vllm/vllm-openai:v0.6.0
    command: ["python3", "-m", "vllm.entrypoints.openai.api_server"]
    args: []
    env: ["MODEL=meta-llama/Llama-3-8B"]
    credentials: {host: ghcr.io, username: me, password: secret-token, email: me@example.com}
    expose:
      - port: 8000
        as: 80
        accept: [llm.example.com]
        to: [{global: true}]
    params:
      storage:
        models: {mount: /root/.cache, readOnly: false}
      permissions: {read: [logs]}
profiles:
  compute:
    gpu:
      resources:
        cpu: {units: "8"}
        memory: {size: 32Gi}
        storage:
          - size: 10Gi
          - name: models
            size: 100Gi
            attributes: {persistent: true, class: beta3}
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - {model: h100, ram: 80Gi, interface: sxm}
                - {model: a100}
  placement:
    dc:
      signedBy: {anyOf: [akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63]}
      pricing: {gpu: {denom: uact, amount: "1000.5"}}
deployment:
  llm: {dc: {profile: gpu, count: 1}}
`;

test("compiles with Go's shapes for GPUs, volumes, params and credentials", () => {
  const compiled = compileSdl(yaml);
  expect(compiled.version).toBe("2.0");
  const service = compiled.manifest[0]!.services[0]!;
  expect(service.args).toEqual([]);
  expect(service.resources.gpu).toEqual({
    units: { val: "1" },
    attributes: [
      { key: "vendor/nvidia/model/a100", value: "true" },
      { key: "vendor/nvidia/model/h100/ram/80Gi/interface/sxm", value: "true" },
    ],
  });
  expect(service.resources.storage).toEqual([
    { name: "default", size: { val: "10737418240" } },
    {
      name: "models",
      size: { val: "107374182400" },
      attributes: [
        { key: "class", value: "beta3" },
        { key: "persistent", value: "true" },
      ],
    },
  ]);
  expect(service.params).toEqual({
    storage: [{ name: "models", mount: "/root/.cache", readOnly: false }],
    permissions: { read: ["logs"] },
  });
  // SDL 2.0 passes credentials without the email.
  expect(service.credentials).toEqual({
    host: "ghcr.io",
    email: "",
    username: "me",
    password: "secret-token",
  });
  expect(compiled.groupSpecsGoJson[0]!.resources[0]!.price).toEqual({
    denom: "uact",
    amount: "1000.500000000000000000",
  });
  expect(compiled.services).toEqual(["llm"]);
});
