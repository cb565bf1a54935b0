/**
 * The tfplugin6.Provider gRPC service: decodes each request, calls the framework's ProviderServer, encodes the
 * answer. Values are decoded with the schema type of the resource they belong to.
 */
import { Diagnostics } from "../framework/diagnostics";
import type { Logger } from "../framework/logger";
import type { ProviderServer } from "../framework/provider-server";
import type { TfType } from "../framework/schema";
import type { Value } from "../framework/values";
import { decodeDynamicValue, encodeMsgpackValue } from "./dynamic-value";
import type { GrpcServer } from "./grpc-server";
import * as pb from "./tfplugin6";

const SERVICE = "/tfplugin6.Provider/";

/** The provider to serve, possibly still loading (the handshake does not wait for it). */
export type ServerSource = () => Promise<ProviderServer<unknown>>;

/** A method handler: the encoded request in, the encoded response out. */
type RpcHandler = (req: Uint8Array, server: ProviderServer<unknown>) => Promise<Uint8Array>;

function decodeError(error: unknown): Diagnostics {
  const diags = new Diagnostics();
  diags.error(
    "Invalid request from terraform",
    `The provider could not decode a value terraform sent: ${error instanceof Error ? error.message : String(error)}`,
  );
  return diags;
}

/** The schema type values of `typeName` are decoded with; undefined for a type the provider does not have. */
function typeOf(
  server: ProviderServer<unknown>,
  kind: "resource" | "data",
  typeName: string,
): TfType | undefined {
  return (kind === "resource" ? server.resources : server.dataSources).get(typeName)?.type;
}

export function registerProviderService(grpc: GrpcServer, source: ServerSource, log: Logger): void {
  const rpc = (method: string, handler: RpcHandler) => {
    grpc.unary(SERVICE + method, async (req) => {
      const started = Date.now();
      const server = await source();
      const res = await handler(req, server);
      log.debug(`${method} served`, { ms: Date.now() - started });
      return res;
    });
  };
  rpc("GetMetadata", getMetadata);
  rpc("GetProviderSchema", cachedProviderSchema());
  rpc("ValidateProviderConfig", validateProviderConfig);
  rpc("ValidateResourceConfig", validateTypedConfig("resource"));
  rpc("ValidateDataResourceConfig", validateTypedConfig("data"));
  rpc("UpgradeResourceState", upgradeResourceState);
  rpc("ConfigureProvider", configureProvider);
  rpc("ReadResource", readResource);
  rpc("PlanResourceChange", planResourceChange);
  rpc("ApplyResourceChange", applyResourceChange);
  rpc("ImportResourceState", importResourceState);
  rpc("ReadDataSource", readDataSource);
  rpc("StopProvider", stopProvider);
}

async function getMetadata(_req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  return pb.encodeGetMetadataResponse([...server.resources.keys()], [...server.dataSources.keys()]);
}

/** The schema never changes while the process runs, so it is encoded once. */
function cachedProviderSchema(): RpcHandler {
  let schemaCache: Uint8Array | undefined;
  return async (_req, server) => {
    schemaCache ??= pb.encodeGetProviderSchemaResponse({
      provider: pb.encodeSchema(server.def.schema, server.providerBlock),
      resources: [...server.resources].map(([name, e]) => [name, pb.encodeSchema(e.def.schema, e.block)]),
      dataSources: [...server.dataSources].map(([name, e]) => [name, pb.encodeSchema(e.def.schema, e.block)]),
    });
    return schemaCache;
  };
}

async function validateProviderConfig(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const { config } = pb.decodeValidateProviderConfig(req);
  let value: Value;
  try {
    value = decodeDynamicValue(server.providerType, config);
  } catch (error) {
    return pb.encodeDiagnosticsOnly(2, decodeError(error).items);
  }
  return pb.encodeDiagnosticsOnly(2, (await server.validateProviderConfig(value)).items);
}

function validateTypedConfig(kind: "resource" | "data"): RpcHandler {
  return async (req, server) => {
    const { typeName, config } = pb.decodeTypedConfig(req);
    const type = typeOf(server, kind, typeName) ?? "dynamic";
    let value: Value;
    try {
      value = decodeDynamicValue(type, config);
    } catch (error) {
      return pb.encodeDiagnosticsOnly(1, decodeError(error).items);
    }
    const diags =
      kind === "resource"
        ? await server.validateResourceConfig(typeName, value)
        : await server.validateDataSourceConfig(typeName, value);
    return pb.encodeDiagnosticsOnly(1, diags.items);
  };
}

async function upgradeResourceState(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const r = pb.decodeUpgradeResourceState(req);
  const { state, diags } = await server.upgradeResourceState(r.typeName, r.version, {
    ...(r.json !== undefined ? { json: r.json } : {}),
    ...(r.flatmap ? { flatmap: r.flatmap } : {}),
  });
  const type = typeOf(server, "resource", r.typeName);
  return pb.encodeUpgradeResourceStateResponse(
    type && state ? encodeMsgpackValue(type, state) : undefined,
    diags.items,
  );
}

async function configureProvider(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const { terraformVersion, config } = pb.decodeConfigureProvider(req);
  let value: Value;
  try {
    value = decodeDynamicValue(server.providerType, config);
  } catch (error) {
    return pb.encodeDiagnosticsOnly(1, decodeError(error).items);
  }
  return pb.encodeDiagnosticsOnly(1, (await server.configure(value, terraformVersion)).items);
}

async function readResource(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const r = pb.decodeReadResource(req);
  const type = typeOf(server, "resource", r.typeName) ?? "dynamic";
  let current: Value;
  try {
    current = decodeDynamicValue(type, r.currentState);
  } catch (error) {
    return pb.encodeReadResourceResponse(undefined, r.private ?? new Uint8Array(0), decodeError(error).items);
  }
  const res = await server.readResource(r.typeName, current, r.private);
  return pb.encodeReadResourceResponse(encodeMsgpackValue(type, res.state), res.private, res.diags.items);
}

async function planResourceChange(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const r = pb.decodePlanResourceChange(req);
  const type = typeOf(server, "resource", r.typeName) ?? "dynamic";
  let prior: Value, proposed: Value, config: Value;
  try {
    prior = decodeDynamicValue(type, r.priorState);
    proposed = decodeDynamicValue(type, r.proposedNewState);
    config = decodeDynamicValue(type, r.config);
  } catch (error) {
    return pb.encodePlanResourceChangeResponse(
      undefined,
      [],
      r.priorPrivate ?? new Uint8Array(0),
      decodeError(error).items,
    );
  }
  const res = await server.planResourceChange(r.typeName, {
    prior,
    proposed,
    config,
    ...(r.priorPrivate ? { priorPrivate: r.priorPrivate } : {}),
  });
  return pb.encodePlanResourceChangeResponse(
    encodeMsgpackValue(type, res.planned),
    res.requiresReplace,
    res.plannedPrivate,
    res.diags.items,
  );
}

async function applyResourceChange(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const r = pb.decodeApplyResourceChange(req);
  const type = typeOf(server, "resource", r.typeName) ?? "dynamic";
  let prior: Value, planned: Value, config: Value;
  try {
    prior = decodeDynamicValue(type, r.priorState);
    planned = decodeDynamicValue(type, r.plannedState);
    config = decodeDynamicValue(type, r.config);
  } catch (error) {
    return pb.encodeApplyResourceChangeResponse(
      undefined,
      r.plannedPrivate ?? new Uint8Array(0),
      decodeError(error).items,
    );
  }
  const res = await server.applyResourceChange(r.typeName, {
    prior,
    planned,
    config,
    ...(r.plannedPrivate ? { plannedPrivate: r.plannedPrivate } : {}),
  });
  return pb.encodeApplyResourceChangeResponse(
    encodeMsgpackValue(type, res.state),
    res.private,
    res.diags.items,
  );
}

async function importResourceState(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const r = pb.decodeImportResourceState(req);
  const type = typeOf(server, "resource", r.typeName) ?? "dynamic";
  const res = await server.importResourceState(r.typeName, r.id);
  return pb.encodeImportResourceStateResponse(
    res.imported.map((i) => ({
      typeName: i.typeName,
      state: encodeMsgpackValue(type, i.state),
      private: i.private,
    })),
    res.diags.items,
  );
}

async function readDataSource(req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  const r = pb.decodeReadDataSource(req);
  const type = typeOf(server, "data", r.typeName) ?? "dynamic";
  let config: Value;
  try {
    config = decodeDynamicValue(type, r.config);
  } catch (error) {
    return pb.encodeReadDataSourceResponse(undefined, decodeError(error).items);
  }
  const res = await server.readDataSource(r.typeName, config);
  return pb.encodeReadDataSourceResponse(
    res.state ? encodeMsgpackValue(type, res.state) : undefined,
    res.diags.items,
  );
}

async function stopProvider(_req: Uint8Array, server: ProviderServer<unknown>): Promise<Uint8Array> {
  server.stop();
  return pb.encodeStopProviderResponse();
}
