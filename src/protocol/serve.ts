/**
 * The provider process: go-plugin handshake, (Auto)mTLS, the gRPC services, and a prompt exit when terraform
 * says Shutdown. Order matters for startup time, since terraform waits for the handshake line each time it starts
 * the provider: only node:net, node:crypto and this small module are loaded before the socket listens and the line
 * is printed. node:http2, node:tls, the gRPC services and the framework load right after (connections that arrive
 * first wait, unread); pass a loader function to load the provider's own modules after that, in the background.
 */
import { unlinkSync, writeSync } from "node:fs";
import type { Logger } from "../framework/logger";
import { EarlyListener } from "./early-listener";
import {
  handshakeLine,
  launchedByTerraform,
  negotiateProtocol,
  notLaunchedByTerraformMessage,
  socketPath,
  unsupportedProtocolMessage,
} from "./handshake";
import { stderrLogger } from "./log";
import type { PluginServer, ProviderSource } from "./plugin-server";
import { generateSelfSignedCertificate, looksLikeCertificate } from "./tls-certificate";

export type { ProviderSource } from "./plugin-server";

export interface ServeOptions {
  env?: NodeJS.ProcessEnv;
  /** Shown in the "run by hand" message before the definition is loaded; defaults to the definition's typeName. */
  name?: string;
  /** Runs (synchronously) when terraform shuts the provider down normally, before the process exits. */
  onShutdown?: () => void;
}

/** Runs the provider until terraform shuts it down. Does not return on the error paths (exits 1). */
export async function serve(provider: ProviderSource, options: ServeOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const name = options.name ?? (typeof provider === "function" ? "akash" : provider.typeName);
  const protocol = protocolOrExit(env, name);

  // go-plugin servers ignore Ctrl-C: terraform forwards it as StopProvider instead.
  process.on("SIGINT", () => {});
  const log = stderrLogger(env);
  const clientCert = env.PLUGIN_CLIENT_CERT;
  const tls = clientCert && looksLikeCertificate(clientCert) ? generateSelfSignedCertificate() : undefined;

  const path = socketPath(env);
  const exit = installExitHandlers(path, log);
  const listener = await listenOrExit(path, name);

  writeSync(
    1,
    handshakeLine({ protocol, network: "unix", address: path, ...(tls ? { serverCertDer: tls.der } : {}) }),
  );
  log.debug("provider started", { socket: path, tls: Boolean(tls), protocol });
  keepConsoleOffStdout(log);

  // If terraform dies without Shutdown we are re-parented: leave instead of lingering.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) exit(0);
  }, 2000).unref();

  const plugin: PluginServer = await import("./plugin-server")
    .then(({ createPluginServer }) =>
      createPluginServer({
        provider,
        log,
        ...(tls && clientCert ? { tls: { key: tls.keyPem, cert: tls.certPem, clientCa: clientCert } } : {}),
        shutdown: () => {
          options.onShutdown?.();
          exit(0);
        },
      }),
    )
    .catch((error: unknown) => {
      // Terraform is already waiting on the socket; without a server it would hang, so leave with the reason.
      process.stderr.write(
        `The ${name} provider failed to start its gRPC server: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return exit(1);
    });
  listener.accept((socket) => plugin.grpc.handleConnection(socket));

  // Load the provider now, in the background, so the first call does not pay for it.
  plugin.provider().catch((error: unknown) =>
    log.error("the provider definition failed to load", {
      error: error instanceof Error ? error.message : String(error),
    }),
  );
}

/** The plugin protocol version agreed with terraform; exits 1 when not run by terraform or none fits. */
function protocolOrExit(env: NodeJS.ProcessEnv, name: string): number {
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
  return protocol;
}

/** Removes the socket file however the process ends, and logs what would otherwise crash it; returns `exit`. */
function installExitHandlers(path: string, log: Logger): (code: number) => never {
  const cleanup = () => {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  const exit = (code: number): never => {
    cleanup();
    process.exit(code);
  };

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
  return exit;
}

async function listenOrExit(path: string, name: string): Promise<EarlyListener> {
  try {
    return await EarlyListener.listen(path);
  } catch (error) {
    process.stderr.write(
      `The ${name} provider could not listen on ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}

/** Stray console output goes to the debug log: stdout is go-plugin's (it would log it, but it is not ours to use). */
function keepConsoleOffStdout(log: Logger): void {
  const toLog = (...args: unknown[]) => log.debug(args.map(String).join(" "));
  Object.assign(console, { log: toLog, info: toLog, debug: toLog });
}
