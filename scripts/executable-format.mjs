// Just enough of ELF and Mach-O to check release executables built for other machines than this one: which CPU
// they are for, whether the single-executable-application blob is injected (an ELF note or a Mach-O segment
// named by Node's SEA conventions) and its fuse set, and whether a Mach-O still carries a code signature, which the
// injection would have invalidated (stripCodeSignature removes it before injecting).

export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const ELF_MACHINES = { 62: "amd64", 183: "arm64" };
const MACHO_CPUS = { 0x01000007: "amd64", 0x0100000c: "arm64" };
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const PT_NOTE = 4;

const align4 = (n) => (n + 3) & ~3;

function elfNotes(buf) {
  const phoff = Number(buf.readBigUInt64LE(0x20));
  const phentsize = buf.readUInt16LE(0x36);
  const phnum = buf.readUInt16LE(0x38);
  const names = [];
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (buf.readUInt32LE(ph) !== PT_NOTE) continue;
    const start = Number(buf.readBigUInt64LE(ph + 8));
    const end = start + Number(buf.readBigUInt64LE(ph + 32));
    for (let at = start; at + 12 <= end;) {
      const namesz = buf.readUInt32LE(at);
      const descsz = buf.readUInt32LE(at + 4);
      names.push(buf.toString("latin1", at + 12, at + 12 + Math.max(0, namesz - 1)));
      at += 12 + align4(namesz) + align4(descsz);
    }
  }
  return names;
}

function machoCommands(buf) {
  const ncmds = buf.readUInt32LE(16);
  const commands = [];
  for (let i = 0, at = 32; i < ncmds; i++) {
    const cmd = buf.readUInt32LE(at);
    const size = buf.readUInt32LE(at + 4);
    const segname =
      cmd === LC_SEGMENT_64 ? buf.toString("latin1", at + 8, at + 24).replace(/\0+$/, "") : undefined;
    commands.push({ cmd, size, at, segname });
    at += size;
  }
  return commands;
}

/** { format, arch, seaBlob, fuseSet, codeSignature } of an executable's bytes. */
export function inspectExecutable(buf) {
  const fuseSet = buf.includes(`${SEA_FUSE}:1`);
  if (buf.readUInt32BE(0) === 0x7f454c46) {
    return {
      format: "elf",
      arch: ELF_MACHINES[buf.readUInt16LE(0x12)] ?? "unknown",
      seaBlob: elfNotes(buf).includes("NODE_SEA_BLOB"),
      fuseSet,
      codeSignature: false,
    };
  }
  if (buf.readUInt32LE(0) === 0xfeedfacf) {
    const commands = machoCommands(buf);
    return {
      format: "macho",
      arch: MACHO_CPUS[buf.readUInt32LE(4)] ?? "unknown",
      seaBlob: commands.some((c) => c.segname === "NODE_SEA"),
      fuseSet,
      codeSignature: commands.some((c) => c.cmd === LC_CODE_SIGNATURE),
    };
  }
  throw new Error("neither a 64-bit ELF nor a thin 64-bit Mach-O executable");
}

/**
 * A thin 64-bit Mach-O without its code signature, as `codesign --remove-signature` leaves it: the signature's
 * load command (the last one) goes, the file ends where the signature began and __LINKEDIT shrinks to match.
 */
export function stripCodeSignature(input) {
  const buf = Buffer.from(input);
  if (buf.readUInt32LE(0) !== 0xfeedfacf) throw new Error("not a thin 64-bit Mach-O executable");
  const commands = machoCommands(buf);
  const signature = commands.find((c) => c.cmd === LC_CODE_SIGNATURE);
  if (!signature) return buf;
  if (signature !== commands[commands.length - 1]) {
    throw new Error("the code signature is not the last load command; refusing to guess the layout");
  }
  const dataoff = buf.readUInt32LE(signature.at + 8);
  const datasize = buf.readUInt32LE(signature.at + 12);
  if (dataoff + datasize !== buf.length) throw new Error("the code signature does not end the file");
  const linkedit = commands.find((c) => c.segname === "__LINKEDIT");
  if (!linkedit) throw new Error("no __LINKEDIT segment");
  const fileoff = buf.readBigUInt64LE(linkedit.at + 40);
  buf.writeBigUInt64LE(BigInt(dataoff) - fileoff, linkedit.at + 48);
  buf.fill(0, signature.at, signature.at + signature.size);
  buf.writeUInt32LE(commands.length - 1, 16);
  buf.writeUInt32LE(buf.readUInt32LE(20) - signature.size, 20);
  return buf.subarray(0, dataoff);
}
