/** The node:http2 gRPC server, exercised by a real HTTP/2 client over a unix socket (plaintext and mTLS). */
import * as http2 from "node:http2";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tls from "node:tls";
import * as net from "node:net";
import { gzipSync } from "node:zlib";
import { silentLogger } from "../../../src/framework/logger";
import { EarlyListener } from "../../../src/protocol/early-listener";
import {
  encodeGrpcMessage,
  frameMessage,
  GrpcError,
  GrpcServer,
  GrpcStatus,
  parseFrames,
} from "../../../src/protocol/grpc-server";
import { ProtoFields } from "../../../src/protocol/protobuf";
import { generateSelfSignedCertificate } from "../../../src/protocol/tls-certificate";

const dir = mkdtempSync(join(tmpdir(), "grpc-"));
let n = 0;
const sock = () => join(dir, `s${n++}.sock`);

interface CallResult {
  status: string | undefined;
  message: string | undefined;
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
}

function call(session: http2.ClientHttp2Session, path: string, payload: Uint8Array): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const req = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc",
      te: "trailers",
    });
    let headers: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    req.on("response", (h) => (headers = h));
    req.on("trailers", (t) => (trailers = t));
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", reject);
    req.on("end", () => {
      const all = { ...headers, ...trailers };
      resolve({
        status: all["grpc-status"] as string | undefined,
        message: all["grpc-message"] as string | undefined,
        headers,
        body: Buffer.concat(chunks),
      });
    });
    req.end(frameMessage(payload));
  });
}

function echoServer(tlsOptions?: { key: string; cert: string; clientCa: string }): GrpcServer {
  return new GrpcServer({ log: silentLogger, ...(tlsOptions ? { tls: tlsOptions } : {}) })
    .unary("/test.Svc/Echo", (req) => Buffer.concat([Buffer.from("echo:"), req]))
    .unary("/test.Svc/Fail", () => {
      throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, "bad 100% ünïcode");
    })
    .emptyStream("/test.Svc/Stream");
}

describe("gRPC framing", () => {
  test("frames are flag + big-endian length + payload, and parse back", () => {
    const framed = frameMessage(new Uint8Array([1, 2, 3]));
    expect([...framed]).toEqual([0, 0, 0, 0, 3, 1, 2, 3]);
    const two = Buffer.concat([framed, frameMessage(new Uint8Array(0))]);
    expect(parseFrames(two, undefined).map((m) => [...m])).toEqual([[1, 2, 3], []]);
    expect(() => parseFrames(Buffer.from([0, 0, 0, 0, 9, 1]), undefined)).toThrow("truncated");
  });

  test("grpc-message is percent-encoded", () => {
    expect(encodeGrpcMessage("ok 100% é")).toBe("ok 100%25 %C3%A9");
  });
});

describe("limits", () => {
  const gzipFrame = (payload: Buffer) => {
    const zipped = gzipSync(payload);
    const frame = Buffer.alloc(5 + zipped.length);
    frame[0] = 1;
    frame.writeUInt32BE(zipped.length, 1);
    zipped.copy(frame, 5);
    return frame;
  };

  test("a compressed message is inflated only up to the limit (a small gzip bomb is refused)", () => {
    // 64 MiB of zeros: about 64 KiB on the wire.
    const bomb = gzipFrame(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().arrayBuffers;
    let refused: unknown;
    try {
      parseFrames(bomb, "gzip", 1024 * 1024);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GrpcError);
    expect((refused as GrpcError).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    // Within the limit it inflates as before.
    expect(parseFrames(gzipFrame(Buffer.from("hello")), "gzip", 1024)[0]).toEqual(Buffer.from("hello"));
  });

  test("a raw message longer than the limit is refused before it is read", () => {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(2048, 1);
    expect(() => parseFrames(Buffer.concat([header, Buffer.alloc(2048)]), undefined, 1024)).toThrow(
      /larger than 1024 bytes/,
    );
  });

  test("protobuf field number 0 is malformed", () => {
    // key 0x08 = field 1 varint; key 0x00 = field 0 varint.
    expect(new ProtoFields(Uint8Array.from([0x08, 0x01])).number(1)).toBe(1);
    expect(() => new ProtoFields(Uint8Array.from([0x00, 0x01]))).toThrow(/field number 0/);
  });
});

describe("gRPC server over a unix socket", () => {
  test("plaintext: unary calls, error statuses, unknown methods, empty streams", async () => {
    const server = echoServer();
    const path = sock();
    await server.listen(path);
    const session = http2.connect("http://localhost", { createConnection: () => net.connect(path) });
    try {
      const ok = await call(session, "/test.Svc/Echo", Buffer.from("hi"));
      expect(ok.headers["content-type"]).toBe("application/grpc");
      expect(ok.status).toBe("0");
      expect(parseFrames(ok.body, undefined)[0]!.toString()).toBe("echo:hi");

      const fail = await call(session, "/test.Svc/Fail", new Uint8Array(0));
      expect(fail.status).toBe(String(GrpcStatus.INVALID_ARGUMENT));
      expect(decodeURIComponent(fail.message!)).toBe("bad 100% ünïcode");

      const missing = await call(session, "/tfplugin6.Provider/GetFunctions", new Uint8Array(0));
      expect(missing.status).toBe(String(GrpcStatus.UNIMPLEMENTED));

      const stream = await call(session, "/test.Svc/Stream", new Uint8Array(0));
      expect(stream.status).toBe("0");
      expect(stream.body.length).toBe(0);

      // Concurrent calls on one connection.
      const many = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => call(session, "/test.Svc/Echo", Buffer.from(String(i)))),
      );
      expect(many.map((r) => parseFrames(r.body, undefined)[0]!.toString())).toEqual([
        "echo:1",
        "echo:2",
        "echo:3",
        "echo:4",
        "echo:5",
      ]);

      // A large message (terraform sends big states).
      const big = Buffer.alloc(5 * 1024 * 1024, 7);
      const large = await call(session, "/test.Svc/Echo", big);
      expect(parseFrames(large.body, undefined)[0]!.length).toBe(big.length + 5);
    } finally {
      session.close();
      server.close();
    }
  });

  test("mTLS: a client with the trusted certificate gets in with ALPN h2; others are refused", async () => {
    const serverCert = generateSelfSignedCertificate();
    const clientCert = generateSelfSignedCertificate();
    const strangerCert = generateSelfSignedCertificate();
    const server = echoServer({
      key: serverCert.keyPem,
      cert: serverCert.certPem,
      clientCa: clientCert.certPem,
    });
    const path = sock();
    await server.listen(path);
    const connect = (cert?: { keyPem: string; certPem: string }) =>
      http2.connect("https://localhost", {
        createConnection: () =>
          tls.connect({
            path,
            servername: "localhost",
            ca: serverCert.certPem,
            ALPNProtocols: ["h2"],
            ...(cert ? { key: cert.keyPem, cert: cert.certPem } : {}),
          }),
      });
    const trusted = connect(clientCert);
    try {
      const ok = await call(trusted, "/test.Svc/Echo", Buffer.from("tls"));
      expect(parseFrames(ok.body, undefined)[0]!.toString()).toBe("echo:tls");
      expect((trusted.socket as tls.TLSSocket).alpnProtocol).toBe("h2");
      for (const cert of [strangerCert, undefined]) {
        const other = connect(cert);
        other.on("error", () => {});
        // The TLS handshake fails: the call errors or ends without any gRPC answer.
        const refused = await call(other, "/test.Svc/Echo", Buffer.from("x")).catch(() => undefined);
        expect(refused?.status).toBeUndefined();
        expect(refused?.body.length ?? 0).toBe(0);
        other.destroy();
      }
    } finally {
      trusted.close();
      server.close();
    }
  });

  test.each(["plaintext", "mTLS"])(
    "%s: a call sent before the server exists (the provider loads http2 after the handshake) is answered",
    async (mode) => {
      const serverCert = generateSelfSignedCertificate();
      const clientCert = generateSelfSignedCertificate();
      const path = sock();
      const listener = await EarlyListener.listen(path);
      const session =
        mode === "mTLS"
          ? http2.connect("https://localhost", {
              createConnection: () =>
                tls.connect({
                  path,
                  servername: "localhost",
                  ca: serverCert.certPem,
                  ALPNProtocols: ["h2"],
                  key: clientCert.keyPem,
                  cert: clientCert.certPem,
                }),
            })
          : http2.connect("http://localhost", { createConnection: () => net.connect(path) });
      const pending = call(session, "/test.Svc/Echo", Buffer.from("early"));
      await new Promise((r) => setTimeout(r, 100));
      const server = echoServer(
        mode === "mTLS"
          ? { key: serverCert.keyPem, cert: serverCert.certPem, clientCa: clientCert.certPem }
          : undefined,
      );
      listener.accept((socket) => server.handleConnection(socket));
      try {
        const ok = await pending;
        expect(ok.status).toBe("0");
        expect(parseFrames(ok.body, undefined)[0]!.toString()).toBe("echo:early");
        if (mode === "mTLS") expect((session.socket as tls.TLSSocket).alpnProtocol).toBe("h2");
      } finally {
        session.close();
        listener.close();
        server.close();
      }
    },
  );
});
