/**
 * The plugin side of go-plugin's AutoMTLS: a fresh EC P-256 key and a self-signed certificate for "localhost",
 * built with node:crypto and a few lines of DER (no X.509 library to load at startup). Mirrors what go-plugin
 * itself generates: CA:true, digitalSignature+keyEncipherment+keyCertSign, EKU server+client auth, SAN localhost.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import {
  bitString,
  booleanTrue,
  explicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  tlv,
  utcTime,
  utf8String,
} from "./der";

export interface SelfSignedCertificate {
  der: Buffer;
  certPem: string;
  keyPem: string;
}

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

function name(commonName: string, organization: string): Uint8Array {
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8String(value)));
  return sequence(rdn("2.5.4.10", organization), rdn("2.5.4.3", commonName));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? sequence(oid(id), booleanTrue(), octetString(value))
    : sequence(oid(id), octetString(value));
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

export function generateSelfSignedCertificate(now = new Date()): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive
  const algorithm = sequence(oid(ECDSA_WITH_SHA256));
  const subject = name("localhost", "HashiCorp");
  const notBefore = new Date(now.getTime() - 30_000); // tolerate small clock differences
  const notAfter = new Date(now.getTime() + 30 * 24 * 3600_000);
  const extensions = sequence(
    extension("2.5.29.19", true, sequence(booleanTrue())), // basicConstraints CA:true
    // keyUsage: digitalSignature(0), keyEncipherment(2), keyCertSign(5) -> bits 10100100, 2 unused bits
    extension("2.5.29.15", true, bitString(Buffer.from([0xa4]), 2)),
    extension("2.5.29.37", false, sequence(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // EKU
    extension("2.5.29.17", false, sequence(tlv(0x82, Buffer.from("localhost", "ascii")))), // SAN dNSName
  );
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    integer(serial),
    algorithm,
    subject, // issuer = subject (self-signed)
    sequence(utcTime(notBefore), utcTime(notAfter)),
    subject,
    spki,
    explicit(3, extensions),
  );
  const signature = sign("sha256", tbs, privateKey); // DER ECDSA-Sig-Value
  const der = Buffer.from(sequence(tbs, algorithm, bitString(signature)));
  return {
    der,
    certPem: toPem("CERTIFICATE", der),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** Checks that a PEM from PLUGIN_CLIENT_CERT holds at least one certificate. */
export function looksLikeCertificate(pem: string): boolean {
  return /-----BEGIN CERTIFICATE-----/.test(pem);
}
