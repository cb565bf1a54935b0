/**
 * The gRPC services a go-plugin provider offers terraform: tfplugin6.Provider, plus go-plugin's controller (Shutdown),
 * stdio and broker streams, and the health check. serve.ts loads this module only after the handshake line is out,
 * since it pulls in node:http2, node:tls and the framework.
 */
import { ProviderServer } from "../framework/provider-server";
import type { Logger } from "../framework/logger";
import type { ProviderDefinition } from "../framework/provider";
import { GrpcServer, type TlsOptions } from "./grpc-server";
import { registerProviderService } from "./provider-service";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProvider = ProviderDefinition<any>;
/** The provider, or how to load it: the loader gets the process's log, for what the provider logs itself. */
export type ProviderSource = AnyProvider | ((log: Logger) => AnyProvider | Promise<AnyProvider>);

export interface PluginServerOptions {
  provider: ProviderSource;
  log: Logger;
  tls?: TlsOptions;
  /** Called after the reply to go-plugin's Shutdown has been sent; expected to end the process. */
  shutdown: () => void;
}

export interface PluginServer {
  grpc: GrpcServer;
  /** The provider, loaded once on first use. */
  provider: () => Promise<ProviderServer<unknown>>;
}

const EMPTY_MESSAGE = new Uint8Array(0);
/** grpc.health.v1.HealthCheckResponse{status=SERVING(1)} */
const HEALTH_SERVING = new Uint8Array([0x08, 0x01]);

export function createPluginServer(options: PluginServerOptions): PluginServer {
  const { provider, log } = options;
  const grpc = new GrpcServer({ log, ...(options.tls ? { tls: options.tls } : {}) });

  let serverPromise: Promise<ProviderServer<unknown>> | undefined;
  const source = () =>
    (serverPromise ??= (async () => {
      const def = typeof provider === "function" ? await provider(log) : provider;
      return new ProviderServer<unknown>(def as ProviderDefinition<unknown>, log);
    })());

  registerProviderService(grpc, source, log);
  grpc
    .unary("/plugin.GRPCController/Shutdown", () => {
      // Reply first; go-plugin then waits for the process to end (and kills it after 2 s).
      setImmediate(options.shutdown);
      return EMPTY_MESSAGE;
    })
    .emptyStream("/plugin.GRPCStdio/StreamStdio")
    .emptyStream("/plugin.GRPCBroker/StartStream")
    .unary("/grpc.health.v1.Health/Check", () => HEALTH_SERVING);

  return { grpc, provider: source };
}
