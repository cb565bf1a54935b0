/** Types for eslint-architecture.mjs, for the TypeScript test that checks the real tree with it. */
export function layerOf(file: string): { layer: string } | undefined;
export function importAllowed(from: string, to: string): boolean;
export function importsOf(absFile: string, text: string): { to: string; specifier: string; pos: number }[];
export function importGraph(): { cycles: Map<string, string[]>; importers: Map<string, Set<string>> };
/** For each file on a cycle, one cycle through it. */
export function stronglyConnected(edges: Map<string, string[]>): Map<string, string[]>;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
