/**
 * AkashDeployment synthesizes the L1 deployment and one lease per group with the right properties, turns typed
 * services into an SDL the provider's compiler accepts, and reports mistakes at synth time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import { AkashDeployment, AkashProvider, Deployment, Lease } from "../../../constructs";
import { compileSdl } from "../../../src/sdl";
import { sdlFixturesDir } from "../../support/fixtures";

Testing.setupJest();

interface Synthesized {
  resource: {
    akash_deployment: Record<string, { sdl: string; deposit: string; create_key?: string }>;
    akash_lease: Record<
      string,
      { dseq: string; gseq: number; manifest: string; bid_policy?: Record<string, unknown> }
    >;
  };
  output?: Record<string, { value: unknown }>;
}

function synth(build: (stack: TerraformStack) => void): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AkashProvider(stack, "akash", {});
  build(stack);
  return JSON.parse(Testing.synth(stack, true)) as Synthesized;
}

function only<T>(record: Record<string, T>): T {
  const values = Object.values(record);
  expect(values).toHaveLength(1);
  return values[0]!;
}

function problems(build: (stack: TerraformStack) => void): string[] {
  const stack = new TerraformStack(Testing.app(), "test");
  new AkashProvider(stack, "akash", {});
  build(stack);
  return stack.node.findAll().flatMap((c) => c.node.validate());
}

test("create_key is the construct path (the same on every machine), unless given", () => {
  const out = synth((stack) => {
    new AkashDeployment(stack, "web", { services: { web: { image: "nginx:1.27", expose: [{ port: 80 }] } } });
    new AkashDeployment(stack, "api", {
      services: { api: { image: "nginx:1.27", expose: [{ port: 80 }] } },
      createKey: "api-v1",
    });
  });
  const keys = Object.values(out.resource.akash_deployment).map((d) => d.create_key);
  expect(keys.sort()).toEqual(["api-v1", "test/web"]);
});

describe("typed services", () => {
  test("one group: SDL with defaults, deposit 5 ACT, one lease wired to the deployment", () => {
    const out = synth((stack) => {
      new AkashDeployment(stack, "web", {
        services: { web: { image: "nginx:1.27", expose: [{ port: 80 }] } },
      });
    });
    const deployment = only(out.resource.akash_deployment);
    expect(deployment.deposit).toBe("5000000uact");
    const sdl = JSON.parse(deployment.sdl);
    expect(sdl.services.web).toEqual({
      image: "nginx:1.27",
      expose: [{ port: 80, as: 80, to: [{ global: true }] }],
    });
    expect(sdl.profiles.compute.web.resources).toEqual({
      cpu: { units: 0.5 },
      memory: { size: "512Mi" },
      storage: { size: "1Gi" },
    });
    expect(sdl.profiles.placement.dcloud.pricing.web).toEqual({ denom: "uact", amount: 10000 });
    expect(sdl.deployment.web).toEqual({ dcloud: { profile: "web", count: 1 } });
    // The provider's compiler accepts it.
    expect(compileSdl(deployment.sdl).placements).toEqual(["dcloud"]);
    const lease = only(out.resource.akash_lease);
    expect(lease.gseq).toBe(1);
    expect(lease.dseq).toMatch(/^\$\{akash_deployment\.web_deployment_[0-9A-F]+\.dseq\}$/);
    expect(lease.manifest).toMatch(/^\$\{akash_deployment\.web_deployment_[0-9A-F]+\.manifest_json\}$/);
    expect(lease.bid_policy).toBeUndefined();
  });

  test("volumes, GPUs, env, command, counts and placement land in the SDL", () => {
    const out = synth((stack) => {
      new AkashDeployment(stack, "app", {
        services: {
          db: {
            image: "postgres:16",
            env: { POSTGRES_PASSWORD: "pw" },
            command: ["docker-entrypoint.sh"],
            args: ["postgres"],
            cpu: 2,
            memory: "4Gi",
            storage: "2Gi",
            volumes: [{ name: "data", size: "20Gi", mount: "/var/lib/postgresql/data", class: "beta3" }],
            expose: [{ port: 5432, global: false, toServices: ["ml"] }],
            maxPricePerBlock: 5000,
          },
          ml: {
            image: "vllm/vllm-openai:v0.6.3",
            gpu: { units: 2, models: ["h100", { model: "a100", ram: "80Gi", interface: "sxm" }] },
            count: 3,
            expose: [{ port: 8000, as: 80, accept: ["ml.example.com"] }],
          },
        },
        placement: { attributes: { region: "us-west" }, signedBy: { anyOf: ["akash1auditor"] } },
        deposit: "7000000uact",
      });
    });
    const deployment = only(out.resource.akash_deployment);
    expect(deployment.deposit).toBe("7000000uact");
    const sdl = JSON.parse(deployment.sdl);
    expect(sdl.services.db.env).toEqual(["POSTGRES_PASSWORD=pw"]);
    expect(sdl.services.db.command).toEqual(["docker-entrypoint.sh"]);
    expect(sdl.services.db.args).toEqual(["postgres"]);
    expect(sdl.services.db.params).toEqual({ storage: { data: { mount: "/var/lib/postgresql/data" } } });
    expect(sdl.services.db.expose).toEqual([{ port: 5432, as: 5432, to: [{ service: "ml" }] }]);
    expect(sdl.profiles.compute.db.resources.storage).toEqual([
      { size: "2Gi" },
      { name: "data", size: "20Gi", attributes: { persistent: true, class: "beta3" } },
    ]);
    expect(sdl.profiles.compute.ml.resources.gpu).toEqual({
      units: 2,
      attributes: {
        vendor: { nvidia: [{ model: "h100" }, { model: "a100", ram: "80Gi", interface: "sxm" }] },
      },
    });
    expect(sdl.services.ml.expose[0].accept).toEqual(["ml.example.com"]);
    expect(sdl.deployment.ml.dcloud.count).toBe(3);
    expect(sdl.profiles.placement.dcloud.attributes).toEqual({ region: "us-west" });
    expect(sdl.profiles.placement.dcloud.signedBy).toEqual({ anyOf: ["akash1auditor"] });
    expect(sdl.profiles.placement.dcloud.pricing.db.amount).toBe(5000);
  });

  test("services in different groups get one lease each, with their own bid policies", () => {
    let d!: AkashDeployment;
    const out = synth((stack) => {
      d = new AkashDeployment(stack, "app", {
        services: {
          web: { image: "nginx:1.27", group: "front", expose: [{ port: 80 }] },
          api: { image: "api:1", group: "back", expose: [{ port: 8080, as: 80 }] },
        },
        placements: {
          front: { attributes: { region: "us-west" } },
          back: { attributes: { region: "eu-central" } },
        },
        bidPolicy: { strategy: "first" },
        bidPolicies: {
          back: { maxPricePerBlock: 800, deniedProviders: ["akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q"] },
        },
      });
      new TerraformOutput(stack, "api", { value: d.serviceUrl("api") });
    });
    const sdl = JSON.parse(only(out.resource.akash_deployment).sdl);
    expect(Object.keys(sdl.profiles.placement)).toEqual(["front", "back"]);
    expect(sdl.profiles.placement.back.attributes).toEqual({ region: "eu-central" });
    // The compiler orders groups (gseq) by service name: api (back) first.
    expect(d.groups).toEqual(["back", "front"]);
    const leases = out.resource.akash_lease;
    expect(Object.keys(leases).map((k) => k.replace(/_[0-9A-F]+$/, ""))).toEqual([
      "app_lease-back",
      "app_lease-front",
    ]);
    const [back, front] = Object.values(leases);
    expect(back!.gseq).toBe(1);
    expect(back!.bid_policy).toEqual({
      max_price: { uact: "800" },
      denied_providers: ["akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q"],
    });
    expect(front!.gseq).toBe(2);
    expect(front!.bid_policy).toEqual({ strategy: "first" });
    // serviceUrl reads the lease of the service's group.
    expect(out.output!.api!.value).toMatch(
      /^http:\/\/\$\{element\(flatten\(\[ for key, val in toset\(akash_lease\.app_lease-back_[0-9A-F]+\.services\): val\.uris if val\.name == "api"\]\), 0\)\}$/,
    );
  });

  test("tokens flow between deployments: a backend URL into a frontend env, a forwarded port into a backend env", () => {
    const out = synth((stack) => {
      const db = new AkashDeployment(stack, "db", {
        services: { db: { image: "postgres:16", expose: [{ port: 5432 }] } },
      });
      const api = new AkashDeployment(stack, "api", {
        services: {
          api: { image: "api:1", env: { DB: db.forwardedPort("db", 5432).address }, expose: [{ port: 80 }] },
        },
      });
      new AkashDeployment(stack, "web", {
        services: { web: { image: "web:1", env: { API_URL: api.url }, expose: [{ port: 80 }] } },
      });
      new TerraformOutput(stack, "db_port", { value: db.forwardedPort("db", 5432).externalPort });
    });
    const sdlOf = (name: string) =>
      Object.entries(out.resource.akash_deployment).find(([k]) => k.startsWith(`${name}_`))![1].sdl;
    // Each token is JSON-escaped by terraform as it fills it in (the SDL is JSON text).
    const escaped = (expression: string) =>
      `\${trimsuffix(trimprefix(jsonencode(${expression}), "\\""), "\\"")}`;
    const dbLease = Object.keys(out.resource.akash_lease).find((k) => k.startsWith("db_lease_"))!;
    const apiLease = Object.keys(out.resource.akash_lease).find((k) => k.startsWith("api_lease_"))!;
    expect(sdlOf("api")).toContain(
      `"DB=${escaped(`element([ for key, val in toset(akash_lease.${dbLease}.forwarded_ports): "\${val.host}:\${val.external_port}" if val.service == "db" && val.port == 5432], 0)`)}"`,
    );
    expect(sdlOf("web")).toContain(`"API_URL=http://${escaped(`element(akash_lease.${apiLease}.uris, 0)`)}"`);
    expect(out.output!.db_port!.value).toMatch(
      /val\.external_port if val\.service == "db" && val\.port == 5432/,
    );
  });
});

describe("terraform template syntax", () => {
  test("literal ${ and %{ are escaped in typed services and raw SDL; references stay live", () => {
    const raw = readFileSync(join(sdlFixturesDir(), "v2.0", "simple", "input.yaml"), "utf8").replace(
      "image: nginx",
      'command: ["sh", "-c", "echo ${PORT} %{x}"]\n    image: nginx',
    );
    const out = synth((stack) => {
      const other = new Deployment(stack, "other", { sdl: "x" });
      new AkashDeployment(stack, "typed", {
        services: {
          web: {
            image: "nginx:1.27",
            args: ["${HOME}"],
            env: { OWNER: `id-${other.owner}` },
            expose: [{ port: 80 }],
          },
        },
      });
      new AkashDeployment(stack, "raw", { sdl: raw });
    });
    const sdl = (prefix: string) =>
      Object.entries(out.resource.akash_deployment).find(([k]) => k.startsWith(prefix))![1].sdl;
    expect(sdl("typed")).toContain('"$${HOME}"');
    expect(sdl("typed")).toContain(
      '"OWNER=id-${trimsuffix(trimprefix(jsonencode(akash_deployment.other.owner), "\\""), "\\"")}"',
    );
    expect(sdl("raw")).toContain("echo $${PORT} %%{x}");
    expect(sdl("raw")).toBe(raw.split("${PORT}").join("$${PORT}").split("%{x}").join("%%{x}"));
  });
});

describe("raw SDL", () => {
  const fixture = join(sdlFixturesDir(), "v2.0", "pricing", "input.yaml");

  test("sdl text is passed through and each of its groups gets a lease", () => {
    const text = readFileSync(fixture, "utf8");
    let d!: AkashDeployment;
    const out = synth((stack) => {
      d = new AkashDeployment(stack, "app", {
        sdl: text,
        deposit: "5000000uakt",
        bidPolicies: { "provider-b": { maxPricePerBlock: "2500.5" } },
      });
    });
    expect(only(out.resource.akash_deployment).sdl).toBe(text);
    expect(d.groups).toEqual(["provider-a", "provider-b"]);
    const leases = Object.values(out.resource.akash_lease);
    expect(leases.map((l) => l.gseq)).toEqual([1, 2]);
    expect(leases[1]!.bid_policy).toEqual({ max_price: { uact: "2500.5" } });
  });

  test("sdlFile is read at synth time", () => {
    const out = synth((stack) => new AkashDeployment(stack, "app", { sdlFile: fixture }));
    expect(only(out.resource.akash_deployment).sdl).toBe(readFileSync(fixture, "utf8"));
    expect(Object.keys(out.resource.akash_lease)).toHaveLength(2);
  });

  test("an SDL that is a token cannot be compiled: groupCount says how many leases", () => {
    const out = synth((stack) => {
      const source = new Deployment(stack, "source", { sdl: "x" });
      new AkashDeployment(stack, "app", {
        sdl: source.sdl,
        groupCount: 2,
        bidPolicies: { "2": { strategy: "first" } },
      });
    });
    expect(Object.values(out.resource.akash_deployment).map((d) => d.sdl)).toContain(
      "${akash_deployment.source.sdl}",
    );
    const leases = Object.entries(out.resource.akash_lease);
    expect(leases.map(([k, l]) => [k.replace(/_[0-9A-F]+$/, ""), l.gseq])).toEqual([
      ["app_lease-1", 1],
      ["app_lease-2", 2],
    ]);
    expect(leases[1]![1].bid_policy).toEqual({ strategy: "first" });
  });

  test("leaseOf names the lease of a group; unknown names fail with the list of groups", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const d = new AkashDeployment(stack, "app", { sdlFile: fixture });
    expect(d.leaseOf("provider-b")).toBeInstanceOf(Lease);
    expect(d.leaseOf("provider-b")).toBe(d.leases[1]);
    expect(() => d.leaseOf("nope")).toThrow('no group "nope"; groups are "provider-a", "provider-b"');
  });
});

describe("synth-time validation", () => {
  test("exactly one SDL source", () => {
    expect(problems((s) => new AkashDeployment(s, "a", {}))).toEqual([
      "give exactly one of services, sdl or sdlFile (got 0)",
    ]);
    expect(
      problems((s) => new AkashDeployment(s, "a", { sdl: "x", services: { web: { image: "nginx" } } })),
    ).toEqual(["give exactly one of services, sdl or sdlFile (got 2)"]);
  });

  test("typed-service mistakes name the service and the fix", () => {
    expect(
      problems(
        (s) =>
          new AkashDeployment(s, "a", {
            services: {
              Web: {
                image: "",
                cpu: 0,
                memory: "lots",
                count: 0,
                expose: [{ port: 70000, toServices: ["db"] }],
              },
              ok: {
                image: "nginx",
                volumes: [{ name: "data", size: "1Gi", mount: "data" }],
                gpu: { units: 1.5 },
              },
            },
          }),
      ),
    ).toEqual([
      'service "Web": names use lower-case letters, digits and dashes, starting with a letter',
      'service "Web": image is required, e.g. "nginx:1.27"',
      'service "Web": cpu must be more than 0 and at most 384 cores (got 0)',
      'service "Web": memory "lots" is not a size; write e.g. 512Mi or 2Gi',
      'service "Web": count must be an integer from 1 to 50 (got 0)',
      'service "Web": expose port 70000 must be an integer from 1 to 65535',
      'service "Web": expose.toServices names unknown service "db"',
      'service "ok": volume "data" mount "data" must be an absolute path',
      'service "ok": gpu.units must be a positive integer (got 1.5)',
    ]);
  });

  test("SDL problems found by the provider's compiler are reported with their place", () => {
    const invalid = readFileSync(join(sdlFixturesDir(), "invalid", "missing-pricing.yaml"), "utf8");
    const found = problems((s) => new AkashDeployment(s, "a", { sdl: invalid }));
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) expect(line).toMatch(/^SDL( [\w.[\]-]+)?: /);
    expect(problems((s) => new AkashDeployment(s, "a", { sdl: "version: [" }))).toEqual([
      expect.stringMatching(/^SDL: /),
    ]);
  });

  test("tokens inside typed services do not trip the SDL check", () => {
    expect(
      problems((s) => {
        const other = new Deployment(s, "other", { sdl: "x" });
        new AkashDeployment(s, "a", {
          services: { web: { image: "nginx:1.27", env: { OWNER: other.owner }, expose: [{ port: 80 }] } },
        });
      }),
    ).toEqual([]);
  });

  test("deposit, bid policies and forwarded ports are checked", () => {
    expect(
      problems((s) => {
        const d = new AkashDeployment(s, "a", {
          services: { web: { image: "nginx", expose: [{ port: 80 }] } },
          deposit: "5 ACT",
          bidPolicy: { strategy: "preferred", wait: "soon", maxPricePerBlock: -1 },
          bidPolicies: { other: { allowedProviders: ["bob"] } },
        });
        d.forwardedPort("web", 80);
      }),
    ).toEqual([
      'deposit "5 ACT" is not a coin; write e.g. 5000000uact (5 ACT)',
      "bidPolicy: maxPricePerBlock must be a positive amount of uact (got -1)",
      'bidPolicy: strategy "preferred" needs preferredProviders',
      'bidPolicy: wait "soon" is not a duration; write e.g. 30s, 2m or 1h30m',
      'bidPolicies names group "other", which is not one of "dcloud"',
      'bid policy of group "other": allowedProviders has "bob", which is not an akash1… address',
      'forwardedPort("web", 80): the service must expose port 80 globally on a port other than 80 (port 80 gets a hostname instead: use serviceUrl)',
    ]);
  });

  test("validation failures stop synth with the messages", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AkashProvider(stack, "akash", {});
    new AkashDeployment(stack, "a", { services: { web: { image: "nginx", memory: "1 GB" } } });
    expect(() => Testing.synth(stack, true)).toThrow(/memory "1 GB" is not a size/);
  });

  test("unreadable sdlFile fails with its path", () => {
    const dir = mkdtempSync(join(tmpdir(), "sdl-"));
    try {
      writeFileSync(join(dir, "ok.yaml"), "");
      expect(
        () =>
          new AkashDeployment(new TerraformStack(Testing.app(), "t"), "a", {
            sdlFile: join(dir, "missing.yaml"),
          }),
      ).toThrow(`cannot read sdlFile ${join(dir, "missing.yaml")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
