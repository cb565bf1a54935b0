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

function decodeError(error: unknown): Diagnostics {
  const diags = new Diagnostics();
  diags.error(
    "Invalid request from terraform",
    `The provider could not decode a value terraform sent: ${error instanceof Error ? error.message : String(error)}`,
  );
  return diags;
}

export function registerProviderService(grpc: GrpcServer, source: ServerSource, log: Logger): void {
  let schemaCache: Uint8Array | undefined;

  const typeOf = (
    server: ProviderServer<unknown>,
    kind: "resource" | "data",
    typeName: string,
  ): TfType | undefined => (kind === "resource" ? server.resources : server.dataSources).get(typeName)?.type;

  const rpc = (
    method: string,
    handler: (req: Uint8Array, server: ProviderServer<unknown>) => Promise<Uint8Array>,
  ) => {
    grpc.unary(SERVICE + method, async (req) => {
      const started = Date.now();
      const server = await source();
      const res = await handler(req, server);
      log.debug(`${method} served`, { ms: Date.now() - started });
      return res;
    });
  };

  rpc("GetMetadata", async (_req, server) =>
    pb.encodeGetMetadataResponse([...server.resources.keys()], [...server.dataSources.keys()]),
  );

  rpc("GetProviderSchema", async (_req, server) => {
    schemaCache ??= pb.encodeGetProviderSchemaResponse({
      provider: pb.encodeSchema(server.def.schema, server.providerBlock),
      resources: [...server.resources].map(([name, e]) => [name, pb.encodeSchema(e.def.schema, e.block)]),
      dataSources: [...server.dataSources].map(([name, e]) => [name, pb.encodeSchema(e.def.schema, e.block)]),
    });
    return schemaCache;
  });

  rpc("ValidateProviderConfig", async (req, server) => {
    const { config } = pb.decodeValidateProviderConfig(req);
    let value: Value;
    try {
      value = decodeDynamicValue(server.providerType, config);
    } catch (error) {
      return pb.encodeDiagnosticsOnly(2, decodeError(error).items);
    }
    return pb.encodeDiagnosticsOnly(2, (await server.validateProviderConfig(value)).items);
  });

  const validateTyped =
    (kind: "resource" | "data") => async (req: Uint8Array, server: ProviderServer<unknown>) => {
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
  rpc("ValidateResourceConfig", validateTyped("resource"));
  rpc("ValidateDataResourceConfig", validateTyped("data"));

  rpc("UpgradeResourceState", async (req, server) => {
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
  });

  rpc("ConfigureProvider", async (req, server) => {
    const { terraformVersion, config } = pb.decodeConfigureProvider(req);
    let value: Value;
    try {
      value = decodeDynamicValue(server.providerType, config);
    } catch (error) {
      return pb.encodeDiagnosticsOnly(1, decodeError(error).items);
    }
    return pb.encodeDiagnosticsOnly(1, (await server.configure(value, terraformVersion)).items);
  });

  rpc("ReadResource", async (req, server) => {
    const r = pb.decodeReadResource(req);
    const type = typeOf(server, "resource", r.typeName) ?? "dynamic";
    let current: Value;
    try {
      current = decodeDynamicValue(type, r.currentState);
    } catch (error) {
      return pb.encodeReadResourceResponse(
        undefined,
        r.private ?? new Uint8Array(0),
        decodeError(error).items,
      );
    }
    const res = await server.readResource(r.typeName, current, r.private);
    return pb.encodeReadResourceResponse(encodeMsgpackValue(type, res.state), res.private, res.diags.items);
  });

  rpc("PlanResourceChange", async (req, server) => {
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
  });

  rpc("ApplyResourceChange", async (req, server) => {
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
  });

  rpc("ImportResourceState", async (req, server) => {
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
  });

  rpc("ReadDataSource", async (req, server) => {
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
  });

  rpc("StopProvider", async (_req, server) => {
    server.stop();
    return pb.encodeStopProviderResponse();
  });
}
