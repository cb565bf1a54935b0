/**
 * Where backups go: any S3-compatible object store (AWS S3, Storj's S3 gateway, MinIO, Backblaze B2, Cloudflare
 * R2…), as the backup image's AWS SDK (aws-sdk-go v1) addresses it: an endpoint URL, a bucket, a region, and
 * optionally path-style addressing. Checked at synth time where the values are literals; tokens pass unchecked.
 */
import { Token } from "cdktf";
import { literalSecretProblem } from "./backup-secret";

export interface S3Destination {
  /**
   * Endpoint URL of the S3 API, without a path: `https://s3.eu-central-1.amazonaws.com` (AWS),
   * `https://gateway.storjshare.io` (Storj), `https://minio.example.com:9000` (MinIO).
   */
  readonly endpoint: string;
  /** Bucket name (S3 rules: 3–63 lower-case letters, digits, dots and dashes). It must exist already. */
  readonly bucket: string;
  /**
   * Folder inside the bucket, e.g. `prod/app-db`. Backups are `<prefix>/<database>_<YYYYMMDD_HHMMSS>.sql.gz`.
   * Retention deletes old objects under this folder — whoever wrote them — so give backups a folder of their own.
   * Default: the name of the backed-up service.
   */
  readonly prefix?: string;
  /** Region the bucket lives in (AWS signs requests for it). Default `us-east-1`, which MinIO and Storj accept. */
  readonly region?: string;
  /** Address the bucket in the URL path instead of the host name; MinIO needs it. Default false. */
  readonly pathStyle?: boolean;
}

export interface S3Credentials {
  /** Access key id: a token (e.g. a sensitive variable's `stringValue`); literals are refused. */
  readonly accessKeyId: string;
  /** Secret access key: a token (e.g. a sensitive variable's `stringValue`); literals are refused. */
  readonly secretAccessKey: string;
}

export const DEFAULT_REGION = "us-east-1";

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;
const REGION = /^[A-Za-z0-9_-]+$/;
// Kubernetes network policies of Akash providers block egress to these ranges (provider cluster/kube/builder/netpol.go).
const PRIVATE_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/;

function checkEndpoint(endpoint: string, problems: string[], warnings: string[]): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    problems.push(
      `destination.endpoint "${endpoint}" is not a URL; write e.g. https://gateway.storjshare.io`,
    );
    return;
  }
  const at = `destination.endpoint "${endpoint}"`;
  if (url.protocol !== "https:" && url.protocol !== "http:") problems.push(`${at} must start with https://`);
  if (url.username || url.password) problems.push(`${at} must not hold credentials; use credentials`);
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash)
    problems.push(`${at} must be the service root, without a path (the bucket goes in destination.bucket)`);
  if (url.protocol === "http:")
    warnings.push(`${at} is plain http: the backups (database contents) cross the internet unencrypted`);
  if (PRIVATE_HOST.test(url.hostname))
    warnings.push(
      `${at} is a private or loopback address: Akash providers block egress to private ranges, so the backup ` +
        "service cannot reach it; use an address reachable from the internet",
    );
}

/** Why `prefix` cannot be the backups' folder, or undefined when it can. */
export function prefixProblem(prefix: string): string | undefined {
  const segments = prefix.replace(/\/$/, "").split("/");
  const bad =
    prefix.startsWith("/") || segments.some((s) => !PREFIX_SEGMENT.test(s) || s === "." || s === "..");
  return bad
    ? `destination.prefix "${prefix}" must be a relative folder such as "prod/app-db" (letters, digits and !_.*'()- ` +
        'in each part, no leading "/", no "." or ".." parts)'
    : undefined;
}

export function checkDestination(
  destination: S3Destination,
  credentials: S3Credentials,
  prefix: string,
): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const literal = (value: string) => !Token.isUnresolved(value);
  if (literal(destination.endpoint)) checkEndpoint(destination.endpoint, problems, warnings);
  const bucket = destination.bucket;
  if (literal(bucket) && (!BUCKET.test(bucket) || bucket.includes("..") || IPV4.test(bucket)))
    problems.push(
      `destination.bucket "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, dots and dashes, ` +
        "starting and ending with a letter or digit)",
    );
  if (literal(prefix)) {
    const problem = prefixProblem(prefix);
    if (problem) problems.push(problem);
  }
  const region = destination.region ?? DEFAULT_REGION;
  if (literal(region) && !REGION.test(region))
    problems.push(`destination.region "${region}" is not a region name, e.g. us-east-1`);
  for (const [key, value] of Object.entries(credentials) as [keyof S3Credentials, string][]) {
    const problem = literalSecretProblem(`credentials.${key}`, value);
    if (problem) problems.push(problem);
  }
  return { problems, warnings };
}

/** pg-bkup's S3 settings (pkg/config.go initAWSConfig) as environment variables. */
export function s3Environment(
  destination: S3Destination,
  credentials: S3Credentials,
  prefix: string,
): Record<string, string> {
  const plainHttp = !Token.isUnresolved(destination.endpoint) && destination.endpoint.startsWith("http://");
  return {
    AWS_S3_ENDPOINT: destination.endpoint,
    AWS_S3_BUCKET_NAME: destination.bucket,
    // A trailing slash keeps retention's prefix listing inside this folder ("db/" does not match "db2/").
    AWS_S3_PATH: Token.isUnresolved(prefix) ? prefix : `${prefix.replace(/\/$/, "")}/`,
    AWS_REGION: destination.region ?? DEFAULT_REGION,
    AWS_FORCE_PATH_STYLE: String(destination.pathStyle ?? false),
    AWS_DISABLE_SSL: String(plainHttp),
    AWS_ACCESS_KEY: credentials.accessKeyId,
    AWS_SECRET_KEY: credentials.secretAccessKey,
  };
}
