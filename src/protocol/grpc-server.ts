/**
 * A minimal gRPC server straight on node:http2: unary calls only (plus "no messages" server streams), which is all
 * go-plugin and tfplugin6 need. It starts in a few milliseconds, unlike a full gRPC stack.
 * The HTTP/2 (and TLS) server never listens itself: connections come from an EarlyListener (see serve.ts for why)
 * and are handed over with handleConnection, which runs them through exactly the code a listening server would.
 * Wire format: POST /package.Service/Method, content-type application/grpc, each message framed as
 * [compressed flag (1 byte)][length (4 bytes, big endian)][bytes]; the status travels in trailers.
 */
import * as http2 from "node:http2";
import type { Socket } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";
import type { Logger } from "../framework/logger";
import { EarlyListener } from "./early-listener";

export enum GrpcStatus {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  RESOURCE_EXHAUSTED = 8,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
}

export class GrpcError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = "GrpcError";
  }
}

export type UnaryHandler = (request: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface TlsOptions {
  /** PEM private key and certificate of this server. */
  key: string;
  cert: string;
  /** PEM certificate(s) client certificates must chain to; clients without one are refused. */
  clientCa: string;
}

export interface GrpcServerOptions {
  log: Logger;
  tls?: TlsOptions;
  /** Largest request message accepted (terraform sends big states; default 256 MiB). */
  maxMessageBytes?: number;
}

/** Frames one message: flag 0 (uncompressed), 4-byte length, payload. */
export function frameMessage(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/**
 * terraform-plugin-go's limit for one message (256 MiB), sent or received. A compressed message is inflated only up
 * to it: a few KiB of gzip can otherwise expand to gigabytes.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

function tooLarge(maxBytes: number): GrpcError {
  return new GrpcError(GrpcStatus.RESOURCE_EXHAUSTED, `request message larger than ${maxBytes} bytes`);
}

function inflate(message: Uint8Array, encoding: string | undefined, maxBytes: number): Uint8Array {
  const options = { maxOutputLength: maxBytes };
  try {
    if (encoding === "gzip") return gunzipSync(message, options);
    if (encoding === "deflate") return inflateSync(message, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw new GrpcError(GrpcStatus.INTERNAL, `corrupt ${encoding} message: ${String(error)}`);
  }
  throw new GrpcError(GrpcStatus.UNIMPLEMENTED, `unsupported grpc-encoding ${encoding ?? "(none)"}`);
}

/** Splits a request body into messages, decompressing when the flag says so (each at most `maxBytes`). */
export function parseFrames(
  body: Buffer,
  encoding: string | undefined,
  maxBytes = MAX_MESSAGE_BYTES,
): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let pos = 0;
  while (pos < body.length) {
    if (body.length - pos < 5) throw new GrpcError(GrpcStatus.INTERNAL, "truncated gRPC frame header");
    const compressed = body[pos] === 1;
    const length = body.readUInt32BE(pos + 1);
    pos += 5;
    if (length > maxBytes) throw tooLarge(maxBytes);
    if (body.length - pos < length) throw new GrpcError(GrpcStatus.INTERNAL, "truncated gRPC message");
    const raw: Uint8Array = body.subarray(pos, pos + length);
    pos += length;
    messages.push(compressed ? inflate(raw, encoding, maxBytes) : raw);
  }
  return messages;
}

/** grpc-message is percent-encoded: bytes outside printable ASCII, and '%'. */
export function encodeGrpcMessage(message: string): string {
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const SETTINGS: http2.Settings = {
  maxConcurrentStreams: 1000,
  initialWindowSize: 1 << 22,
  maxHeaderListSize: 1 << 20,
};

export class GrpcServer {
  private readonly unaryHandlers = new Map<string, UnaryHandler>();
  private readonly emptyStreams = new Set<string>();
  private readonly server: http2.Http2Server | http2.Http2SecureServer;
  private readonly maxMessageBytes: number;
  private listener: EarlyListener | undefined;

  constructor(private readonly options: GrpcServerOptions) {
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    const common = { settings: SETTINGS, maxSessionMemory: 512 };
    this.server = options.tls
      ? http2.createSecureServer({
          ...common,
          key: options.tls.key,
          cert: options.tls.cert,
          ca: options.tls.clientCa,
          requestCert: true,
          rejectUnauthorized: true,
          ALPNProtocols: ["h2"],
          minVersion: "TLSv1.2",
        })
      : http2.createServer(common);
    this.server.on("stream", (stream, headers) => this.onStream(stream, headers));
    this.server.on("session", (session) => {
      session.on("error", (err) => options.log.debug("gRPC session error", { error: err.message }));
      // A bigger connection window lets terraform send large states without stalls.
      session.once("localSettings", () => {
        try {
          session.setLocalWindowSize(1 << 26);
        } catch {
          // Session already closing.
        }
      });
    });
    this.server.on("sessionError", (err) => options.log.debug("gRPC session error", { error: err.message }));
    this.server.on("tlsClientError", (err) =>
      options.log.warn("TLS handshake with terraform failed", { error: err.message }),
    );
  }

  unary(path: string, handler: UnaryHandler): this {
    this.unaryHandlers.set(path, handler);
    return this;
  }

  /** A server-streaming method answered with no messages (e.g. go-plugin's optional stdio stream). */
  emptyStream(path: string): this {
    this.emptyStreams.add(path);
    return this;
  }

  /** Serves one accepted connection (TLS handshake, client certificate check and ALPN included when TLS is on). */
  handleConnection(socket: Socket): void {
    // Both servers take the connection the way net.Server gives it to them.
    this.server.emit("connection", socket);
    // tls reads from the socket it wraps by itself; plaintext http2 takes over the socket's handle but does not
    // start reading one that was accepted paused.
    if (!this.options.tls) socket.resume();
  }

  /** Listens on a unix socket path and serves every connection. */
  async listen(path: string): Promise<void> {
    this.listener = await EarlyListener.listen(path);
    this.listener.accept((socket) => this.handleConnection(socket));
  }

  close(): void {
    this.listener?.close();
    this.server.close();
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on("error", (err) => this.options.log.debug("gRPC stream error", { error: err.message }));
    const path = String(headers[":path"] ?? "");
    const contentType = String(headers["content-type"] ?? "");
    if (headers[":method"] !== "POST" || !contentType.startsWith("application/grpc")) {
      if (!stream.headersSent) stream.respond({ ":status": 415 }, { endStream: true });
      return;
    }
    const handler = this.unaryHandlers.get(path);
    const isEmptyStream = this.emptyStreams.has(path);
    if (!handler && !isEmptyStream) {
      stream.resume();
      this.sendStatus(stream, GrpcStatus.UNIMPLEMENTED, `method ${path} is not implemented by this provider`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxMessageBytes + 5) tooBig = true;
      else chunks.push(chunk);
    });
    stream.on("end", () => {
      if (tooBig) {
        this.sendStatus(
          stream,
          GrpcStatus.RESOURCE_EXHAUSTED,
          `request larger than ${this.maxMessageBytes} bytes`,
        );
        return;
      }
      if (isEmptyStream) {
        this.sendStatus(stream, GrpcStatus.OK, "");
        return;
      }
      void this.runUnary(
        stream,
        handler!,
        Buffer.concat(chunks),
        headers["grpc-encoding"] as string | undefined,
        path,
      );
    });
  }

  private async runUnary(
    stream: http2.ServerHttp2Stream,
    handler: UnaryHandler,
    body: Buffer,
    encoding: string | undefined,
    path: string,
  ): Promise<void> {
    let response: Uint8Array;
    try {
      const messages = parseFrames(body, encoding, this.maxMessageBytes);
      response = await handler(messages[0] ?? new Uint8Array(0));
    } catch (error) {
      const code = error instanceof GrpcError ? error.code : GrpcStatus.INTERNAL;
      const message = error instanceof Error ? error.message : String(error);
      this.options.log.error("gRPC call failed", { method: path, error: message });
      this.sendStatus(stream, code, message);
      return;
    }
    if (stream.destroyed || stream.closed) return;
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    stream.end(frameMessage(response));
  }

  /** Trailers-only response: the status in the one header block. */
  private sendStatus(stream: http2.ServerHttp2Stream, code: GrpcStatus, message: string): void {
    if (stream.destroyed || stream.closed || stream.headersSent) return;
    stream.respond(
      {
        ":status": 200,
        "content-type": "application/grpc",
        "grpc-status": String(code),
        ...(message ? { "grpc-message": encodeGrpcMessage(message) } : {}),
      },
      { endStream: true },
    );
  }
}
