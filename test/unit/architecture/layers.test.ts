/**
 * The architecture rules ESLint enforces (scripts/eslint-architecture.mjs), checked here against the real tree
 * too: no import cycle in src/ and constructs/ (type-only and dynamic imports count), no import across layers.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  importAllowed,
  importGraph,
  importsOf,
  layerOf,
  stronglyConnected,
} from "../../../scripts/eslint-architecture.mjs";

const root = resolve(__dirname, "../../..");

test("src/ and constructs/ have no import cycle", () => {
  expect([...importGraph().cycles.values()].map((c) => c.join(" → "))).toEqual([]);
});

test("every import of src/ and constructs/ is allowed by its layer", () => {
  const violations: string[] = [];
  for (const [to, importers] of importGraph().importers) {
    for (const from of importers) {
      if (layerOf(from) && !importAllowed(from, to)) violations.push(`${from} → ${to}`);
    }
  }
  expect(violations).toEqual([]);
});

test.each([
  ["src/resources/lease/lease-resource.ts", "src/resources/deployment/deployment-schema.ts", false],
  ["src/resources/lease/lease-resource.ts", "src/resources/lease/bid-policy.ts", true],
  ["src/resources/lease/lease-resource.ts", "src/akash/adapters/cosmos/cosmos-chain.ts", false],
  ["src/resources/lease/lease-resource.ts", "src/provider/composition-root.ts", false],
  ["src/data-sources/account.ts", "src/resources/grants/grant-resource.ts", false],
  ["src/akash/ports/chain.ts", "src/sdl/compile-sdl.ts", false],
  ["src/akash/ports/chain.ts", "src/sdl/manifest-types.ts", true],
  ["src/akash/ports/chain.ts", "src/akash/adapters/cosmos/cosmos-chain.ts", false],
  ["src/localnet/network.ts", "src/cli/io.ts", false],
  ["src/framework/planning.ts", "src/resources/lease/lease-schema.ts", false],
  ["src/sdl/compile-sdl.ts", "src/akash/ports/chain.ts", false],
  ["src/protocol/serve.ts", "src/framework/provider-server.ts", true],
  ["constructs/akash-service.ts", "src/provider/akash-provider.ts", false],
  ["constructs/akash-service.ts", "src/sdl/check-sdl.ts", true],
  ["src/provider/composition-root.ts", "src/akash/adapters/system-clock.ts", true],
  ["src/akash/adapters/cosmos/rpc-client.ts", "src/framework/logger.ts", true],
  ["src/akash/adapters/cosmos/rpc-client.ts", "src/framework/planning.ts", false],
])("%s may import %s: %s", (from, to, allowed) => {
  expect(importAllowed(from, to)).toBe(allowed);
});

test("type-only and dynamic imports are seen", () => {
  const file = resolve(root, "src/provider/clients.ts");
  const targets = importsOf(file, readFileSync(file, "utf8")).map((i) => i.to);
  expect(targets).toContain("src/akash/ports/akash-ports.ts"); // import type
  expect(targets).toContain("src/akash/adapters/cosmos/cosmos-chain.ts"); // import()
});

test("the cycle finder reports every file on a cycle, with the cycle", () => {
  const edges = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["c.ts"]],
    ["c.ts", ["a.ts", "d.ts"]],
    ["d.ts", []],
    ["e.ts", ["e.ts"]],
  ]);
  const cycles = stronglyConnected(edges);
  expect([...cycles.keys()].sort()).toEqual(["a.ts", "b.ts", "c.ts", "e.ts"]);
  expect(cycles.get("a.ts")).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
  expect(cycles.get("e.ts")).toEqual(["e.ts", "e.ts"]);
});
