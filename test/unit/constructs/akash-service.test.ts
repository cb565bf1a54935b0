/** AkashService: one service, its own deployment and lease, with defaults and its endpoints as tokens. */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import { AkashProvider, AkashService, Deployment, Lease, serviceNameFromId } from "../../../constructs";

Testing.setupJest();

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new AkashProvider(s, "akash", {});
  return s;
}

test("hello-world: nginx on port 80 with a price cap, outputs wired to the lease and the deployment", () => {
  const s = stack();
  const web = new AkashService(s, "web", {
    image: "nginx:1.27",
    expose: [{ port: 80 }],
    maxPricePerBlock: 1000,
    bidPolicy: { maxPricePerBlock: 900, collect: "1s" },
    deposit: "6000000uact",
  });
  new TerraformOutput(s, "url", { value: web.url });
  new TerraformOutput(s, "provider", { value: web.provider });
  const synthesized = Testing.synth(s, true);
  expect(synthesized).toHaveResourceWithProperties(Deployment, { deposit: "6000000uact" });
  expect(synthesized).toHaveResourceWithProperties(Lease, {
    gseq: 1,
    bid_policy: { max_price: { uact: "900" }, collect: "1s" },
  });
  const parsed = JSON.parse(synthesized) as {
    resource: { akash_deployment: Record<string, { sdl: string }> };
    output: Record<string, { value: string }>;
  };
  const doc = JSON.parse(Object.values(parsed.resource.akash_deployment)[0]!.sdl);
  expect(doc.profiles.placement.dcloud.pricing).toEqual({ web: { denom: "uact", amount: 1000 } });
  expect(parsed.output.url!.value).toMatch(
    /^http:\/\/\$\{element\(akash_lease\.web_app_lease_[0-9A-F]+\.uris, 0\)\}$/,
  );
  expect(parsed.output.provider!.value).toMatch(
    /^\$\{akash_lease\.web_app_lease_[0-9A-F]+\.provider_address\}$/,
  );
});

test("the service name comes from the id unless given", () => {
  expect(serviceNameFromId("My_Web")).toBe("my-web");
  expect(serviceNameFromId("1st")).toBe("st");
  expect(serviceNameFromId("---")).toBe("app");
  const s = stack();
  expect(new AkashService(s, "Api_Server", { image: "api:1" }).serviceName).toBe("api-server");
  expect(new AkashService(s, "x", { image: "api:1", serviceName: "api" }).serviceName).toBe("api");
});

test("forwardedPort validates that the port is forwarded", () => {
  const s = stack();
  const db = new AkashService(s, "db", { image: "postgres:16", expose: [{ port: 5432 }] });
  db.forwardedPort(5432);
  expect(db.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  db.forwardedPort(6543);
  expect(db.node.findAll().flatMap((c) => c.node.validate())).toEqual([
    'forwardedPort("db", 6543): the service must expose port 6543 globally on a port other than 80 (port 80 gets a hostname instead: use serviceUrl)',
  ]);
});

test("provider, dependsOn and lease timeouts reach the L1 resources", () => {
  const s = stack();
  const other = new AkashProvider(s, "other", { alias: "other" });
  const first = new AkashService(s, "first", { image: "nginx:1.27", expose: [{ port: 80 }] });
  new AkashService(s, "second", {
    image: "nginx:1.27",
    expose: [{ port: 80 }],
    provider: other,
    dependsOn: [first.app.deployment],
    leaseTimeouts: { create: "10m" },
  });
  const parsed = JSON.parse(Testing.synth(s, true)) as {
    resource: Record<
      string,
      Record<string, { provider?: string; depends_on?: string[]; timeouts?: unknown }>
    >;
  };
  const deployment = Object.entries(parsed.resource.akash_deployment!).find(([k]) =>
    k.startsWith("second_"),
  )![1];
  const lease = Object.entries(parsed.resource.akash_lease!).find(([k]) => k.startsWith("second_"))![1];
  expect(deployment.provider).toBe("akash.other");
  expect(deployment.depends_on).toEqual([expect.stringMatching(/^akash_deployment\.first_app_deployment_/)]);
  expect(lease.provider).toBe("akash.other");
  expect(lease.timeouts).toEqual({ create: "10m" });
});

test("leasedResources: the GPU actually leased is a token on the lease's leased_resources", () => {
  const s = stack();
  const infer = new AkashService(s, "infer", {
    image: "vllm/vllm-openai:v0.6.3",
    expose: [{ port: 8000, as: 80 }],
  });
  new TerraformOutput(s, "gpu_model", { value: infer.leasedResources.get(0).gpuModel });
  const parsed = JSON.parse(Testing.synth(s, true)) as { output: Record<string, { value: string }> };
  expect(parsed.output.gpu_model!.value).toMatch(
    /^\$\{akash_lease\.infer_app_lease_[0-9A-F]+\.leased_resources\[0\]\.gpu_model\}$/,
  );
});
