/**
 * The node's gRPC endpoint (port 9090 on a real node) for queries: every ABCI query route is also the gRPC method
 * of the same path with the same protobuf bytes, so one generic handler serves them all. This is what
 * chain-sdk's query SDK (`createChainNodeSDK({ query: { baseUrl } })`) talks to; cosmjs uses `abci_query` instead.
 */
import { Server, ServerCredentials, status, type MethodDefinition } from "@grpc/grpc-js";
import type { ChainApp } from "../app";
import { ChainError } from "../module";

export interface GrpcQueryServer {
  /** "http://host:port" (plaintext HTTP/2, as `--grpc.address` serves it without TLS). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const GRPC_STATUS: Record<string, status> = {
  NotFound: status.NOT_FOUND,
  InvalidArgument: status.INVALID_ARGUMENT,
  FailedPrecondition: status.FAILED_PRECONDITION,
  Unauthenticated: status.UNAUTHENTICATED,
  Unknown: status.UNKNOWN,
};

const bytes = (b: Buffer | Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b));

/** One service definition per gRPC service ("/pkg.Service/Method" → service "pkg.Service"). */
type Definition = Record<string, MethodDefinition<Buffer, Buffer>>;

function serviceDefinitions(paths: string[]): Map<string, Definition> {
  const services = new Map<string, Definition>();
  for (const path of paths) {
    const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
    if (!match) continue;
    const [, service, method] = match as unknown as [string, string, string];
    let definition = services.get(service);
    if (definition === undefined) {
      definition = {};
      services.set(service, definition);
    }
    definition[method] = {
      path,
      requestStream: false,
      responseStream: false,
      // Raw protobuf in and out: the app decodes requests and encodes responses itself.
      requestSerialize: bytes,
      requestDeserialize: bytes,
      responseSerialize: bytes,
      responseDeserialize: bytes,
      originalName: method,
    };
  }
  return services;
}

export async function startGrpcQueryServer(
  app: ChainApp,
  host: string,
  port: number,
): Promise<GrpcQueryServer> {
  const server = new Server();
  for (const [, definition] of serviceDefinitions(app.queryPaths())) {
    const handlers: Record<string, unknown> = {};
    for (const [method, { path }] of Object.entries(definition)) {
      handlers[method] = (
        call: { request: Buffer },
        callback: (error: { code: status; details: string } | null, value?: Buffer) => void,
      ) => {
        try {
          callback(null, Buffer.from(app.runQuery(path, call.request)));
        } catch (error) {
          const e = error instanceof ChainError ? error : new ChainError("sdk", 0, String(error), "Unknown");
          callback({ code: GRPC_STATUS[e.grpcCode ?? "Unknown"] ?? status.UNKNOWN, details: e.log });
        }
      };
    }
    server.addService(definition, handlers as never);
  }
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, actual) => {
      if (error) {
        reject(
          /EADDRINUSE|address already in use/i.test(error.message)
            ? new Error(`gRPC port ${port} on ${host} is already in use; choose another with --grpc-port`)
            : error,
        );
      } else resolve(actual);
    });
  });
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Open client sessions would hold tryShutdown; drop them (stop means stop).
        setImmediate(() => server.forceShutdown());
      }),
  };
}
