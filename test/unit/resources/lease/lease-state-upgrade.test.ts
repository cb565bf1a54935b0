/** State written by schema version 0 (`provider`) upgrades to version 1 (`provider_address`), through the framework. */
import { ProviderServer } from "../../../../src/framework/provider-server";
import { akashProvider } from "../../../../src/provider/akash-provider";
import { CompositionRoot } from "../../../../src/provider/composition-root";

const provider = "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q";
const v0 = {
  id: `akash1owner/42/1/1/${provider}`,
  dseq: "42",
  gseq: 1,
  oseq: 1,
  owner: "akash1owner",
  provider,
  manifest: "[]",
  host_uri: "https://provider.example:8443",
  price: "12.5uact",
  state: "active",
  services: [{ name: "web", available: 1, total: 1, uris: ["web.example"], replicas: 1 }],
  uris: ["web.example"],
  forwarded_ports: [],
  ips: [],
  provider_auth: "jwt",
  client_certificate_pem: null,
  client_private_key_pem: null,
  bid_policy: null,
  timeouts: null,
};

test("version 0's provider becomes provider_address; everything else is kept", async () => {
  const server = new ProviderServer(akashProvider(new CompositionRoot({})));
  const upgraded = await server.upgradeResourceState("akash_lease", 0, { json: JSON.stringify(v0) });
  expect(upgraded.diags.items).toEqual([]);
  const { provider: _renamed, ...kept } = v0;
  expect(upgraded.state).toMatchObject({
    ...kept,
    provider_address: provider,
    reclamation_window: null,
    reclaim_deadline: null,
  });
  expect(upgraded.state).not.toHaveProperty("provider");
});

test("version 1 state is read as it is", async () => {
  const server = new ProviderServer(akashProvider(new CompositionRoot({})));
  const { provider: _old, ...rest } = v0;
  const current = await server.upgradeResourceState("akash_lease", 1, {
    json: JSON.stringify({ ...rest, provider_address: provider }),
  });
  expect(current.diags.items).toEqual([]);
  expect(current.state).toMatchObject({ provider_address: provider, dseq: "42" });
});
