/**
 * The provider's lease shell protocol (gateway/rest): binary WebSocket messages whose first byte says what the rest
 * is. From the provider: 100 stdout, 101 stderr, 102 result (JSON `{exit_code, message}`), 103 failure (text).
 * To the provider: 104 stdin, 105 terminal size (width then height, big-endian uint16 each).
 */
export const SHELL_STDOUT = 100;
export const SHELL_STDERR = 101;
export const SHELL_RESULT = 102;
export const SHELL_FAILURE = 103;
export const SHELL_STDIN = 104;
export const SHELL_RESIZE = 105;

export function stdinFrame(data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([SHELL_STDIN]), Buffer.from(data)]);
}

export function resizeFrame(columns: number, rows: number): Buffer {
  const frame = Buffer.alloc(5);
  frame[0] = SHELL_RESIZE;
  frame.writeUInt16BE(Math.max(0, Math.min(columns, 0xffff)), 1);
  frame.writeUInt16BE(Math.max(0, Math.min(rows, 0xffff)), 3);
  return frame;
}

/** A result frame's body; undefined when it is not the JSON the provider sends. */
export function parseShellResult(body: Buffer): { exitCode: number; message?: string } | undefined {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { exit_code?: unknown; message?: unknown };
    if (typeof parsed.exit_code !== "number") return undefined;
    return {
      exitCode: parsed.exit_code,
      ...(typeof parsed.message === "string" && parsed.message !== "" ? { message: parsed.message } : {}),
    };
  } catch {
    return undefined;
  }
}
