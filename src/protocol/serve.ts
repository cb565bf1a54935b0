/**
 * The provider process: go-plugin handshake, (Auto)mTLS, the gRPC services, and a prompt exit when terraform
 * says Shutdown. Order matters for startup time: the socket listens and the handshake line is printed before
 * anything heavy; pass a loader function to load the provider's modules after the handshake.
 */
import { unlinkSync, writeSync } from "node:fs";
import { ProviderServer } from "../framework/provider-server";
import type { ProviderDefinition } from "../framework/provider";
import { GrpcServer } from "./grpc-server";
import {
  handshakeLine,
  launchedByTerraform,
  negotiateProtocol,
  notLaunchedByTerraformMessage,
  socketPath,
  unsupportedProtocolMessage,
} from "./handshake";
import { stderrLogger } from "./log";
import { registerProviderService } from "./provider-service";
import { generateSelfSignedCertificate, looksLikeCertificate } from "./tls-certificate";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProvider = ProviderDefinition<any>;
export type ProviderSource = AnyProvider | (() => AnyProvider | Promise<AnyProvider>);

export interface ServeOptions {
  env?: NodeJS.ProcessEnv;
  /** Shown in the "run by hand" message before the definition is loaded; defaults to the definition's typeName. */
  name?: string;
  /** Runs (synchronously) when terraform shuts the provider down normally, before the process exits. */
  onShutdown?: () => void;
}

const EMPTY_MESSAGE = new Uint8Array(0);
/** grpc.health.v1.HealthCheckResponse{status=SERVING(1)} */
const HEALTH_SERVING = new Uint8Array([0x08, 0x01]);

/** Runs the provider until terraform shuts it down. Does not return on the error paths (exits 1). */
export async function serve(provider: ProviderSource, options: ServeOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const name = options.name ?? (typeof provider === "function" ? "akash" : provider.typeName);

  if (!launchedByTerraform(env)) {
    process.stderr.write(notLaunchedByTerraformMessage(name));
    process.exit(1);
  }
  const protocol = negotiateProtocol(env);
  if (protocol === undefined) {
    // go-plugin shows an unparseable first stdout line to the user verbatim.
    writeSync(1, unsupportedProtocolMessage(env) + "\n");
    process.exit(1);
  }

  // go-plugin servers ignore Ctrl-C: terraform forwards it as StopProvider instead.
  process.on("SIGINT", () => {});
  const log = stderrLogger(env);
  const clientCert = env.PLUGIN_CLIENT_CERT;
  const tls = clientCert && looksLikeCertificate(clientCert) ? generateSelfSignedCertificate() : undefined;

  const grpc = new GrpcServer({
    log,
    ...(tls && clientCert ? { tls: { key: tls.keyPem, cert: tls.certPem, clientCa: clientCert } } : {}),
  });

  let serverPromise: Promise<ProviderServer<unknown>> | undefined;
  const source = () =>
    (serverPromise ??= (async () => {
      const def = typeof provider === "function" ? await provider() : provider;
      return new ProviderServer<unknown>(def as ProviderDefinition<unknown>, log);
    })());

  const path = socketPath(env);
  const cleanup = () => {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  const exit = (code: number) => {
    cleanup();
    process.exit(code);
  };

  registerProviderService(grpc, source, log);
  grpc
    .unary("/plugin.GRPCController/Shutdown", () => {
      // Reply first; go-plugin then waits for the process to end (and kills it after 2 s).
      setImmediate(() => {
        options.onShutdown?.();
        exit(0);
      });
      return EMPTY_MESSAGE;
    })
    .emptyStream("/plugin.GRPCStdio/StreamStdio")
    .emptyStream("/plugin.GRPCBroker/StartStream")
    .unary("/grpc.health.v1.Health/Check", () => HEALTH_SERVING);

  process.on("SIGTERM", () => exit(0));
  process.on("exit", cleanup);
  process.on("uncaughtException", (error) =>
    log.error("uncaught exception", { error: error.message, stack: error.stack }),
  );
  process.on("unhandledRejection", (reason) =>
    log.error("unhandled promise rejection", {
      error: reason instanceof Error ? reason.message : String(reason),
    }),
  );

  try {
    await grpc.listen(path);
  } catch (error) {
    process.stderr.write(
      `The ${name} provider could not listen on ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }

  writeSync(
    1,
    handshakeLine({ protocol, network: "unix", address: path, ...(tls ? { serverCertDer: tls.der } : {}) }),
  );
  log.debug("provider started", { socket: path, tls: Boolean(tls), protocol });

  // Keep stray console output off stdout (go-plugin would log it, but it is not ours to use).
  const toLog = (...args: unknown[]) => log.debug(args.map(String).join(" "));
  Object.assign(console, { log: toLog, info: toLog, debug: toLog });

  // If terraform dies without Shutdown we are re-parented: leave instead of lingering.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) exit(0);
  }, 2000).unref();

  // Load the provider now, in the background, so the first call does not pay for it.
  source().catch((error: unknown) =>
    log.error("the provider definition failed to load", {
      error: error instanceof Error ? error.message : String(error),
    }),
  );
}
