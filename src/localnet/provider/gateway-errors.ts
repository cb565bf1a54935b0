/**
 * Errors the gateway answers with, carrying the HTTP status the real provider uses (utils/httperror). Auth errors
 * go out as JSON `{"message": ...}`; other errors as text/plain with a trailing newline, like Go's http.Error.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export const authErrors = {
  invalidAuthHeader: () => new GatewayError(400, "invalid authorization header"),
  invalidClaims: () => new GatewayError(400, "JWT has invalid claims"),
  ambiguous: () =>
    new GatewayError(400, "auth: ambiguous authentication. may not use mTLS and JWT at the same time"),
  unauthorized: () => new GatewayError(401, "unauthorized access"),
  jwtInvalid: () => new GatewayError(401, "JWT is invalid"),
};
