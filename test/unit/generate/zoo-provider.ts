/**
 * A provider whose schema uses every schema feature the framework can express (flags, collection and object types,
 * every nesting mode, timeouts, deprecation, characters Go's JSON escapes, a meta-argument name). The generators
 * are checked against it, and its `terraform providers schema -json` output is compared with ours.
 */
import type { DataSourceDefinition, ProviderDefinition, ResourceDefinition } from "../../../src/framework";

const gadget: ResourceDefinition<unknown> = {
  typeName: "zoo_gadget",
  timeouts: { create: "20m", delete: "5m" },
  // Proposed framework field; the docs read it defensively.
  ...({ importHelp: "The import ID is `<shelf>/<name>`, e.g. `top/widget`." } as object),
  schema: {
    version: 2,
    block: {
      description:
        "A gadget. Sizes are `<small>` & `large` (Go escapes these characters).\n\nSecond paragraph.",
      attributes: {
        id: { type: "string", computed: true, description: "`<shelf>/<name>`." },
        name: { type: "string", required: true, description: "Name." },
        label: { type: "string", optional: true, description: "" },
        size: { type: "number", optional: true, computed: true, default: 3, description: "Size" },
        enabled: { type: "bool", optional: true, description: "Whether it runs.", deprecated: true },
        password: { type: "string", optional: true, sensitive: true, description: "Secret." },
        token: { type: "string", optional: true, writeOnly: true, description: "Never stored." },
        tags: { type: ["map", "string"], optional: true, description: "Tags." },
        ports: { type: ["set", "number"], optional: true, description: "Ports." },
        endpoints: {
          type: ["list", ["object", { url: "string", port: "number", meta: ["map", "string"] }]],
          computed: true,
          description: "Endpoints.",
        },
        pair: { type: ["tuple", ["string", "number"]], optional: true, description: "A pair." },
        anything: { type: "dynamic", optional: true, description: "Any value." },
        provider: { type: "string", computed: true, description: "Who made it." },
      },
      blocks: {
        rule: {
          nesting: "list",
          minItems: 1,
          maxItems: 4,
          block: {
            description: "A rule.",
            attributes: {
              port: { type: "number", required: true, description: "Port." },
              proto: {
                type: "string",
                optional: true,
                computed: true,
                default: "tcp",
                description: "Protocol.",
              },
            },
            blocks: {
              match: {
                nesting: "single",
                block: { attributes: { path: { type: "string", optional: true, description: "Path." } } },
              },
            },
          },
        },
        label_set: {
          nesting: "set",
          block: { attributes: { key: { type: "string", required: true, description: "Key." } } },
        },
        env: {
          nesting: "map",
          block: { attributes: { value: { type: "string", optional: true, description: "Value." } } },
        },
        legacy: {
          nesting: "group",
          block: {
            deprecated: true,
            description: "Old settings.",
            attributes: { mode: { type: "string", optional: true, description: "Mode." } },
          },
        },
      },
    },
  },
  async create({ planned }) {
    return planned;
  },
  async read({ state }) {
    return state;
  },
  async update({ planned }) {
    return planned;
  },
  async delete() {},
  async importState({ id }) {
    return { id };
  },
};

const fixed: ResourceDefinition<unknown> = {
  typeName: "zoo_fixed",
  schema: {
    version: 0,
    block: { attributes: { id: { type: "string", computed: true, description: "Identifier." } } },
  },
  async create({ planned }) {
    return planned;
  },
  async read({ state }) {
    return state;
  },
  async update({ planned }) {
    return planned;
  },
  async delete() {},
};

const lookup: DataSourceDefinition<unknown> = {
  typeName: "zoo_lookup",
  schema: {
    version: 0,
    block: {
      attributes: {
        query: { type: "string", required: true, description: "What to look up." },
        result: { type: ["object", { b: "string", a: "number" }], computed: true, description: "Result." },
      },
    },
  },
  async read() {
    return {};
  },
};

export const zooProvider: ProviderDefinition<unknown> = {
  typeName: "zoo",
  version: "1.2.3",
  schema: {
    version: 0,
    block: {
      attributes: {
        endpoint: { type: "string", optional: true, description: "Endpoint." },
        api_key: { type: "string", optional: true, sensitive: true, description: "Key." },
      },
    },
  },
  async configure() {
    return {};
  },
  resources: [gadget, fixed],
  dataSources: [lookup],
};
