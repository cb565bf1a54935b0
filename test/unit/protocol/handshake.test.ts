/** go-plugin launch contract: cookie, protocol choice, the handshake line and the AutoMTLS certificate. */
import { X509Certificate, createPublicKey } from "node:crypto";
import {
  handshakeLine,
  launchedByTerraform,
  MAGIC_COOKIE_VALUE,
  negotiateProtocol,
  notLaunchedByTerraformMessage,
  socketPath,
} from "../../../src/protocol/handshake";
import { generateSelfSignedCertificate } from "../../../src/protocol/tls-certificate";

describe("handshake", () => {
  test("only the exact magic cookie counts as launched by terraform", () => {
    expect(launchedByTerraform({ TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE })).toBe(true);
    expect(launchedByTerraform({ TF_PLUGIN_MAGIC_COOKIE: "nope" })).toBe(false);
    expect(launchedByTerraform({})).toBe(false);
    expect(notLaunchedByTerraformMessage("akash")).toMatch(
      /^This is the akash Terraform provider; terraform runs it/,
    );
  });

  test("protocol 6 is picked from PLUGIN_PROTOCOL_VERSIONS in any order", () => {
    expect(negotiateProtocol({ PLUGIN_PROTOCOL_VERSIONS: "5,6" })).toBe(6);
    expect(negotiateProtocol({ PLUGIN_PROTOCOL_VERSIONS: "6,5" })).toBe(6);
    expect(negotiateProtocol({ PLUGIN_PROTOCOL_VERSIONS: "5" })).toBeUndefined();
    expect(negotiateProtocol({})).toBe(6);
  });

  test("the line is CORE|APP|NETWORK|ADDRESS|grpc|CERT with an unpadded base64 DER certificate", () => {
    expect(handshakeLine({ protocol: 6, network: "unix", address: "/tmp/x.sock" })).toBe(
      "1|6|unix|/tmp/x.sock|grpc|\n",
    );
    const cert = generateSelfSignedCertificate();
    const line = handshakeLine({
      protocol: 6,
      network: "unix",
      address: "/tmp/x.sock",
      serverCertDer: cert.der,
    });
    const parts = line.trimEnd().split("|");
    expect(parts).toHaveLength(6);
    expect(line.endsWith("\n")).toBe(true);
    expect(parts[5]).not.toMatch(/[=\n]/);
    expect(Buffer.from(parts[5]!, "base64").equals(cert.der)).toBe(true);
  });

  test("socket paths are short and land in PLUGIN_UNIX_SOCKET_DIR", () => {
    const p = socketPath({ PLUGIN_UNIX_SOCKET_DIR: "/run/x" });
    expect(p.startsWith("/run/x/")).toBe(true);
    expect(socketPath({ PLUGIN_UNIX_SOCKET_DIR: "/" + "d".repeat(150) }).length).toBeLessThan(104);
  });
});

describe("AutoMTLS certificate", () => {
  test("is a valid self-signed EC P-256 certificate for localhost, usable by server and client", () => {
    const cert = generateSelfSignedCertificate();
    const x = new X509Certificate(cert.der);
    expect(x.subjectAltName).toBe("DNS:localhost");
    expect(x.checkHost("localhost")).toBe("localhost");
    expect(x.ca).toBe(true);
    expect(x.keyUsage).toEqual(expect.arrayContaining(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]));
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    // The private key matches the certificate.
    expect(createPublicKey(cert.keyPem).export({ format: "der", type: "spki" })).toEqual(
      x.publicKey.export({ format: "der", type: "spki" }),
    );
    expect(new Date(x.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(x.validTo).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
    expect(cert.certPem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  test("two processes never share a key or serial", () => {
    const a = new X509Certificate(generateSelfSignedCertificate().der);
    const b = new X509Certificate(generateSelfSignedCertificate().der);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
  });
});
