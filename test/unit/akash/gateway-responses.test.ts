/** Provider gateway answers: lease status parsing and HTTP errors → what to do. */
import { translateGatewayResponse } from "../../../src/akash/adapters/gateway/gateway-errors";
import { parseLeaseStatus } from "../../../src/akash/adapters/gateway/lease-status";

test("lease status: services, forwarded ports (camelCase) and leased IPs (capitalised keys)", () => {
  const status = parseLeaseStatus(
    JSON.stringify({
      services: {
        web: {
          name: "web",
          available: 2,
          total: 2,
          uris: ["abc.ingress.example.com"],
          observed_generation: 1,
          replicas: 2,
          updated_replicas: 2,
          ready_replicas: 2,
          available_replicas: 2,
        },
      },
      forwarded_ports: {
        web: [{ host: "p.example.com", port: 22, externalPort: 31022, proto: "TCP", name: "web" }],
      },
      ips: { web: [{ Port: 80, ExternalPort: 80, Protocol: "TCP", IP: "203.0.113.7" }] },
    }),
  );
  expect(status.services.web).toEqual({
    name: "web",
    available: 2,
    total: 2,
    uris: ["abc.ingress.example.com"],
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
  });
  expect(status.forwardedPorts.web).toEqual([
    { host: "p.example.com", port: 22, externalPort: 31022, proto: "TCP", name: "web" },
  ]);
  expect(status.ips.web).toEqual([{ ip: "203.0.113.7", port: 80, externalPort: 80, protocol: "TCP" }]);
  expect(status.errors).toEqual([]);
  expect(parseLeaseStatus('{"services":null,"forwarded_ports":null,"ips":null}')).toEqual({
    services: {},
    forwardedPorts: {},
    ips: {},
    errors: [],
  });
});

test("HTTP errors become actionable GatewayErrors", () => {
  const where = "Provider akash1p (https://p:8443)";
  const t = (status: number, body: string) =>
    translateGatewayResponse(status, body, "sending the manifest", where);
  expect(t(401, '{"message":"JWT is invalid"}')).toMatchObject({
    code: "unauthorized",
    message: expect.stringContaining("at least one transaction"),
  });
  expect(t(400, '{"message":"JWT has invalid claims"}').message).toContain("clock");
  expect(t(401, '{"message":"unauthorized access"}').message).toContain("must own the deployment");
  expect(t(404, "no lease for deployment\n")).toMatchObject({ code: "not-found", status: 404 });
  expect(t(422, "manifest version validation failed\n")).toMatchObject({
    code: "invalid-manifest",
    message: expect.stringContaining("manifest version validation failed"),
  });
  // A hash mismatch names its two causes: fields the provider does not know, or its lag after an update.
  expect(t(422, "manifest version validation failed\n").message).toMatch(
    /proxy_buffer_size.*params\.tee.*just updated/s,
  );
  expect(t(422, "invalid manifest: zero global services\n").message).toContain("zero global services");
  expect(t(503, "")).toMatchObject({ code: "provider-error", message: expect.stringContaining("HTTP 503") });
  // Another account's token: the provider's node finds no such deployment of that account (500 from the manager).
  expect(t(500, "rpc error: code = NotFound desc = Deployment not found\n")).toMatchObject({
    code: "unauthorized",
    message: expect.stringContaining("must be the deployment's owner"),
  });
  expect(t(500, "rpc error: code = Unavailable desc = connection refused\n").code).toBe("provider-error");
  expect(t(403, "forbidden").code).toBe("unauthorized");
  expect(t(400, "bad json")).toMatchObject({
    code: "bad-response",
    message: expect.stringContaining("bad request"),
  });
  expect(t(422, "invalid manifest: zero global services\n").message).toContain("updated (or replaced) first");
  // Anything else: said as it came, with its status.
  expect(t(418, "teapot")).toMatchObject({
    code: "bad-response",
    message: `${where} answered sending the manifest with HTTP 418: teapot.`,
  });
});
