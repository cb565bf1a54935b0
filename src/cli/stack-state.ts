/** The main job's stack state as cdktf keeps it next to the app (terraform.<stack>.tfstate): outputs and size. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { STACK, type MainWorkspace } from "./workspace";

export interface StackOutputs {
  uris?: string[];
  provider?: string;
  price?: string;
  dseq?: string;
  owner?: string;
}

export interface StackState {
  outputs: StackOutputs;
  /** Resource instances recorded; 0 when nothing was deployed (or all was destroyed). */
  resources: number;
}

interface StateJson {
  outputs?: Record<string, { value: unknown }>;
  resources?: { instances?: unknown[] }[];
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

export function readStackState(ws: MainWorkspace): StackState {
  const file = join(ws.app, `terraform.${STACK}.tfstate`);
  if (!existsSync(file)) return { outputs: {}, resources: 0 };
  const state = JSON.parse(readFileSync(file, "utf8")) as StateJson;
  const value = (name: string) => state.outputs?.[name]?.value;
  const uris = value("uris");
  const outputs: StackOutputs = {
    ...(Array.isArray(uris) ? { uris: uris.filter((u): u is string => typeof u === "string") } : {}),
  };
  for (const name of ["provider", "price", "dseq", "owner"] as const) {
    const v = text(value(name));
    if (v !== undefined) outputs[name] = v;
  }
  const resources = (state.resources ?? []).reduce((n, r) => n + (r.instances?.length ?? 0), 0);
  return { outputs, resources };
}
