/**
 * `akash-cdktf sdl manifest|groups|hash FILE`: print what an SDL compiles to — the manifest JSON a provider
 * receives, the group specs sent on chain (Go JSON, pretty-printed) or the deployment version hash (hex).
 */
import { readFileSync } from "node:fs";
import { compileSdl, SdlError } from "../../sdl";

export const SDL_USAGE = `Usage: akash-cdktf sdl <manifest|groups|hash> FILE

  manifest  the manifest JSON exactly as sent to providers (key-sorted, compact)
  groups    the group specs of MsgCreateDeployment (Go JSON, pretty-printed)
  hash      the deployment version: SHA-256 of the manifest JSON, in hex
`;

type Output = "manifest" | "groups" | "hash";

export async function runSdlCommand(
  args: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  const [what, file, ...extra] = args;
  if (what === "--help" || what === "-h" || what === "help") {
    io.stdout(SDL_USAGE);
    return 0;
  }
  const option = args.find((a) => a.startsWith("-") && a !== "-");
  if (option !== undefined) {
    io.stderr(`akash-cdktf sdl: unknown option "${option}"\n\n${SDL_USAGE}`);
    return 2;
  }
  if ((what !== "manifest" && what !== "groups" && what !== "hash") || !file || extra.length > 0) {
    io.stderr(SDL_USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? "unreadable");
    io.stderr(`sdl: cannot read ${file}: ${reason}`);
    return 1;
  }
  try {
    const compiled = compileSdl(text);
    const outputs: Record<Output, () => string> = {
      manifest: () => compiled.manifestJson,
      groups: () => JSON.stringify(compiled.groupSpecsGoJson, null, 2),
      hash: () => compiled.hashHex,
    };
    io.stdout(outputs[what]());
    return 0;
  } catch (error) {
    if (error instanceof SdlError) {
      const lines = error.issues.map((i) => `  ${i.path === "" ? "" : `${i.path}: `}${i.message}`);
      io.stderr(`sdl: ${file} is not a valid SDL:\n${lines.join("\n")}`);
      return 1;
    }
    throw error;
  }
}
