/**
 * The release checks on executables this machine cannot run: CPU, injected SEA blob and fuse, and the Mach-O code
 * signature that the injection would invalidate, on minimal hand-built ELF and Mach-O images.
 */
import { inspectExecutable, SEA_FUSE, stripCodeSignature } from "../../../scripts/executable-format.mjs";

function elf(machine: number, noteName: string, fuse: string): Buffer {
  const name = Buffer.from(`${noteName}\0`);
  const namePadded = Buffer.concat([name, Buffer.alloc((4 - (name.length % 4)) % 4)]);
  const note = Buffer.alloc(12);
  note.writeUInt32LE(name.length, 0);
  note.writeUInt32LE(4, 4);
  const noteBytes = Buffer.concat([note, namePadded, Buffer.from([1, 2, 3, 4])]);
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header.writeUInt8(2, 4);
  header.writeUInt8(1, 5);
  header.writeUInt16LE(machine, 0x12);
  header.writeBigUInt64LE(64n, 0x20);
  header.writeUInt16LE(56, 0x36);
  header.writeUInt16LE(1, 0x38);
  const ph = Buffer.alloc(56);
  ph.writeUInt32LE(4, 0); // PT_NOTE
  ph.writeBigUInt64LE(120n, 8);
  ph.writeBigUInt64LE(BigInt(noteBytes.length), 32);
  return Buffer.concat([header, ph, noteBytes, Buffer.from(fuse)]);
}

/** Header, __LINKEDIT at 128 (64 bytes of content), a 32-byte code signature at 192 that ends the file. */
function signedMachO(): Buffer {
  const buf = Buffer.alloc(224);
  buf.writeUInt32LE(0xfeedfacf, 0);
  buf.writeUInt32LE(0x01000007, 4);
  buf.writeUInt32LE(2, 12);
  buf.writeUInt32LE(2, 16);
  buf.writeUInt32LE(72 + 16, 20);
  buf.writeUInt32LE(0x19, 32);
  buf.writeUInt32LE(72, 36);
  buf.write("__LINKEDIT", 40, "latin1");
  buf.writeBigUInt64LE(128n, 32 + 40);
  buf.writeBigUInt64LE(96n, 32 + 48);
  buf.writeUInt32LE(0x1d, 104);
  buf.writeUInt32LE(16, 108);
  buf.writeUInt32LE(192, 112);
  buf.writeUInt32LE(32, 116);
  buf.fill(0xab, 128, 192);
  buf.fill(0xcd, 192, 224);
  return buf;
}

test("ELF: the CPU, the NODE_SEA_BLOB note and the flipped fuse", () => {
  expect(inspectExecutable(elf(183, "NODE_SEA_BLOB", `${SEA_FUSE}:1`))).toEqual({
    format: "elf",
    arch: "arm64",
    seaBlob: true,
    fuseSet: true,
    codeSignature: false,
  });
  // A plain Node binary: the blob's name only as a string, the fuse unflipped.
  expect(inspectExecutable(elf(62, "GNU", `NODE_SEA_BLOB ${SEA_FUSE}:0`))).toMatchObject({
    arch: "amd64",
    seaBlob: false,
    fuseSet: false,
  });
});

test("Mach-O: the signature's load command goes, the file ends where it began, __LINKEDIT shrinks", () => {
  const signed = signedMachO();
  expect(inspectExecutable(signed)).toMatchObject({ format: "macho", arch: "amd64", codeSignature: true });
  const stripped = stripCodeSignature(signed);
  expect(stripped.length).toBe(192);
  expect(stripped.readUInt32LE(16)).toBe(1);
  expect(stripped.readUInt32LE(20)).toBe(72);
  expect(stripped.readBigUInt64LE(32 + 48)).toBe(64n);
  expect(stripped.subarray(104, 120).equals(Buffer.alloc(16))).toBe(true);
  expect(stripped.subarray(128, 192).equals(signed.subarray(128, 192))).toBe(true);
  expect(inspectExecutable(stripped)).toMatchObject({ codeSignature: false, seaBlob: false });
  // Already unsigned: unchanged.
  expect(stripCodeSignature(stripped).equals(stripped)).toBe(true);
});

test("refuses what it cannot read safely", () => {
  expect(() => inspectExecutable(Buffer.from("#!/bin/sh\nexit 0\n"))).toThrow(/neither a 64-bit ELF nor/);
  const notLast = signedMachO();
  // Swap the two load commands' roles: the signature is no longer the last one.
  notLast.writeUInt32LE(3, 16);
  notLast.writeUInt32LE(72 + 16 + 16, 20);
  notLast.writeUInt32LE(0x2a, 120);
  notLast.writeUInt32LE(16, 124);
  expect(() => stripCodeSignature(notLast)).toThrow(/not the last load command/);
});
