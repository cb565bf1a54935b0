import {
  parseShellResult,
  resizeFrame,
  SHELL_RESIZE,
  SHELL_STDIN,
  stdinFrame,
} from "../../../src/akash/adapters/gateway/shell-frames";

test("stdin goes to the provider behind code 104, byte for byte", () => {
  const frame = stdinFrame(new Uint8Array([0x03, 0x0a, 0xff]));
  expect([...frame]).toEqual([SHELL_STDIN, 0x03, 0x0a, 0xff]);
});

test("a terminal size is code 105, then width and height as big-endian uint16", () => {
  expect([...resizeFrame(132, 43)]).toEqual([SHELL_RESIZE, 0, 132, 0, 43]);
  expect([...resizeFrame(70_000, -1)]).toEqual([SHELL_RESIZE, 0xff, 0xff, 0, 0]);
});

test("the result frame's JSON gives the exit code and the provider's message", () => {
  expect(parseShellResult(Buffer.from('{"exit_code":127}\n'))).toEqual({ exitCode: 127 });
  expect(parseShellResult(Buffer.from('{"exit_code":0,"message":"service db not found"}'))).toEqual({
    exitCode: 0,
    message: "service db not found",
  });
  expect(parseShellResult(Buffer.from('{"exit_code":0,"message":""}'))).toEqual({ exitCode: 0 });
  expect(parseShellResult(Buffer.from("not json"))).toBeUndefined();
  expect(parseShellResult(Buffer.from('{"message":"x"}'))).toBeUndefined();
});
