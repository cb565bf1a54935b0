/**
 * go-plugin's launch contract: terraform starts us with a magic cookie and the protocol versions it speaks, and
 * reads exactly one line from our stdout: CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVERCERT.
 */
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export function launchedByTerraform(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** What a person running the provider binary by hand sees. */
export function notLaunchedByTerraformMessage(providerName: string): string {
  return (
    `This is the ${providerName} Terraform provider; terraform runs it, it is not meant to be run by hand.\n` +
    `Install it with \`npx akash-cdktf install\`, then use it from a terraform configuration ` +
    `(required_providers { ${providerName} = { source = "akash-cdktf/${providerName}" } }) and run terraform init. ` +
    `See the README for details.\n`
  );
}

/** Picks protocol 6 from PLUGIN_PROTOCOL_VERSIONS; undefined when terraform does not offer it. */
export function negotiateProtocol(env: NodeJS.ProcessEnv): number | undefined {
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  // Without the variable go-plugin falls back to the plugin's own version.
  if (offered === undefined || offered.trim() === "") return APP_PROTOCOL_VERSION;
  const versions = offered.split(",").map((v) => Number(v.trim()));
  return versions.includes(APP_PROTOCOL_VERSION) ? APP_PROTOCOL_VERSION : undefined;
}

export function unsupportedProtocolMessage(env: NodeJS.ProcessEnv): string {
  return (
    `This provider speaks plugin protocol ${APP_PROTOCOL_VERSION} (Terraform 1.0 and later, OpenTofu), but the ` +
    `program that started it offered only protocol(s) ${env.PLUGIN_PROTOCOL_VERSIONS}. Upgrade Terraform.`
  );
}

export interface HandshakeInfo {
  protocol: number;
  network: "unix" | "tcp";
  address: string;
  /** DER certificate when AutoMTLS is on. */
  serverCertDer?: Uint8Array;
}

/** The line go-plugin parses; the certificate is base64 without padding ("RawStd"). */
export function handshakeLine(info: HandshakeInfo): string {
  const cert = info.serverCertDer
    ? Buffer.from(info.serverCertDer).toString("base64").replace(/=+$/, "")
    : "";
  return `${CORE_PROTOCOL_VERSION}|${info.protocol}|${info.network}|${info.address}|grpc|${cert}\n`;
}

/** sun_path holds about 107 bytes; stay well below. */
const MAX_SOCKET_PATH = 100;

/** A fresh socket path in PLUGIN_UNIX_SOCKET_DIR (as go-plugin does) or the temp dir. */
export function socketPath(env: NodeJS.ProcessEnv): string {
  const name = `tfplugin-${process.pid}-${randomBytes(4).toString("hex")}.sock`;
  const dir = env.PLUGIN_UNIX_SOCKET_DIR || tmpdir();
  const path = join(dir, name);
  return path.length <= MAX_SOCKET_PATH ? path : join("/tmp", name);
}
