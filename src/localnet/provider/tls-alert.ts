/**
 * A real provider checks a client certificate inside the TLS handshake (Go's VerifyPeerCertificate): a rejected
 * certificate ends the handshake with a fatal bad_certificate alert, which a Node client reports as
 * ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE. Node's TLS server cannot send an alert on request, so the localnet sends it
 * itself: the TLS socket runs over a tap that sees every record the server writes; with the server's TLS 1.3
 * application traffic secret (from the `keylog` event) the tap finds the sequence number of the next record and
 * writes the alert as that record, encrypted as OpenSSL would, then closes the connection.
 */
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";

/** TLS AlertDescription bad_certificate (what Go sends when VerifyPeerCertificate fails). */
export const ALERT_BAD_CERTIFICATE = 42;

const RECORD_APPLICATION_DATA = 23;
const CONTENT_ALERT = 21;
const ALERT_FATAL = 2;
const TAG_BYTES = 16;

interface Aead {
  algorithm: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  hash: "sha256" | "sha384";
  keyBytes: number;
}

function aeadOf(suite: string): Aead {
  if (suite === "TLS_AES_128_GCM_SHA256") return { algorithm: "aes-128-gcm", hash: "sha256", keyBytes: 16 };
  if (suite === "TLS_AES_256_GCM_SHA384") return { algorithm: "aes-256-gcm", hash: "sha384", keyBytes: 32 };
  if (suite === "TLS_CHACHA20_POLY1305_SHA256")
    return { algorithm: "chacha20-poly1305", hash: "sha256", keyBytes: 32 };
  throw new Error(`unsupported TLS 1.3 cipher suite ${suite}`);
}

/** HKDF-Expand-Label (RFC 8446 §7.1) with an empty context. */
function expandLabel(hash: Aead["hash"], secret: Buffer, label: string, length: number): Buffer {
  const name = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, name.length]),
    name,
    Buffer.from([0]),
  ]);
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1, have = 0; have < length; i++) {
    previous = createHmac(hash, secret)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
    have += previous.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** The per-record nonce: the IV XORed with the 64-bit sequence number. */
function nonce(iv: Buffer, sequence: number): Buffer {
  const out = Buffer.from(iv);
  let seq = BigInt(sequence);
  for (let i = 11; i >= 4; i--, seq >>= 8n) out[i] = (out[i] as number) ^ Number(seq & 0xffn);
  return out;
}

/** The AEAD cipher for one record (the branches pick node's typed overloads). */
function sealer(aead: Aead, key: Buffer, iv: Buffer) {
  const options = { authTagLength: TAG_BYTES };
  return aead.algorithm === "chacha20-poly1305"
    ? createCipheriv(aead.algorithm, key, iv, options)
    : createCipheriv(aead.algorithm, key, iv, options);
}

function opener(aead: Aead, key: Buffer, iv: Buffer) {
  const options = { authTagLength: TAG_BYTES };
  return aead.algorithm === "chacha20-poly1305"
    ? createDecipheriv(aead.algorithm, key, iv, options)
    : createDecipheriv(aead.algorithm, key, iv, options);
}

function opens(aead: Aead, key: Buffer, iv: Buffer, sequence: number, record: Buffer): boolean {
  try {
    const decipher = opener(aead, key, nonce(iv, sequence));
    decipher.setAAD(record.subarray(0, 5), { plaintextLength: record.length - 5 - TAG_BYTES });
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    decipher.update(record.subarray(5, record.length - TAG_BYTES));
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

/** Splits written bytes into TLS records (header + body). */
function records(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 5 <= bytes.length;) {
    const end = at + 5 + bytes.readUInt16BE(at + 3);
    out.push(bytes.subarray(at, end));
    at = end;
  }
  return out;
}

/** The transport under a server-side TLS socket, recording what the server writes until told to stop. */
export class TlsRecordTap {
  readonly transport: Duplex;
  private written: Buffer[] = [];
  private capturing = true;
  private serverSecret: Buffer | undefined;

  constructor(private readonly raw: Socket) {
    this.transport = new Duplex({
      read: () => raw.resume(),
      write: (chunk: Buffer, _encoding, done) => {
        if (this.capturing) this.written.push(Buffer.from(chunk));
        raw.write(chunk, done);
      },
      final: (done) => {
        raw.end();
        done();
      },
      destroy: (error, done) => {
        raw.destroy();
        done(error);
      },
    });
    raw.on("data", (data: Buffer) => {
      if (!this.transport.push(data)) raw.pause();
    });
    raw.on("end", () => this.transport.push(null));
    raw.on("error", (error) => this.transport.destroy(error));
    raw.on("close", () => this.transport.destroy());
  }

  /** Listens for the socket's key log (needed before the handshake starts). */
  attach(socket: TLSSocket): void {
    socket.on("keylog", (line: Buffer) => {
      const [label, , secret] = line.toString("ascii").trim().split(" ");
      if (label === "SERVER_TRAFFIC_SECRET_0" && secret) this.serverSecret = Buffer.from(secret, "hex");
    });
  }

  /** The client was accepted: nothing more to record. */
  release(): void {
    this.capturing = false;
    this.written = [];
  }

  /** Ends the connection with a fatal alert, sent as the server's next application-traffic record. */
  sendFatalAlert(socket: TLSSocket, description: number): void {
    const suite = socket.getCipher().standardName;
    if (this.serverSecret === undefined || suite === undefined) {
      this.raw.destroy();
      return;
    }
    const aead = aeadOf(suite);
    const key = expandLabel(aead.hash, this.serverSecret, "key", aead.keyBytes);
    const iv = expandLabel(aead.hash, this.serverSecret, "iv", 12);
    // Records under the application key are those it opens (the handshake's come first, under other keys).
    let sequence = 0;
    for (const record of records(Buffer.concat(this.written))) {
      if (record[0] === RECORD_APPLICATION_DATA && opens(aead, key, iv, sequence, record)) sequence++;
    }
    const inner = Buffer.from([ALERT_FATAL, description, CONTENT_ALERT]);
    const header = Buffer.from([RECORD_APPLICATION_DATA, 3, 3, 0, inner.length + TAG_BYTES]);
    const cipher = sealer(aead, key, nonce(iv, sequence));
    cipher.setAAD(header, { plaintextLength: inner.length });
    const body = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
    this.release();
    this.raw.end(Buffer.concat([header, body]));
  }
}
