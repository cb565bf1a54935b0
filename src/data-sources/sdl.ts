/**
 * `data "akash_sdl"`: compiles an SDL into exactly what the chain and the providers receive, without touching
 * either. Invalid SDL fails at validate/plan time with one diagnostic per problem, each naming the place in the
 * SDL (e.g. `services.web.expose[0].port`).
 */
import { compileSdlAttribute, compileSdlAttributeOrThrow } from "../domain/sdl-attribute";
import { manifestSummary } from "../sdl";
import { defineSchema } from "../framework/model";
import { defineDataSource } from "../framework/typed-resource";

const sdlSchema = defineSchema({
  version: 0,
  block: {
    description:
      "Compiles an Akash SDL (versions 2.0 and 2.1) into the manifest a provider receives, the group specs " +
      "sent on chain and the manifest version hash. Needs no node and no key.",
    attributes: {
      sdl: {
        type: "string",
        required: true,
        sensitive: true,
        description:
          'The SDL document, as YAML text (e.g. `file("deploy.yaml")`). Sensitive: its env values may be secrets.',
      },
      manifest_json: {
        type: "string",
        computed: true,
        sensitive: true,
        description:
          "The manifest as the exact key-sorted JSON a provider must receive (`PUT /deployment/{dseq}/manifest`). " +
          "Sensitive: it holds the services' env values.",
      },
      manifest_summary: {
        type: ["list", "string"],
        computed: true,
        description: "One line per service (image, count, resources, exposed ports, env names; no values).",
      },
      group_specs_json: {
        type: "string",
        computed: true,
        description:
          "The group specs of `MsgCreateDeployment`, as JSON in the chain's Go encoding (one entry per placement).",
      },
      hash: {
        type: "string",
        computed: true,
        description: "The deployment version: SHA-256 of `manifest_json`, in lower-case hex.",
      },
      services: { type: ["list", "string"], computed: true, description: "Service names, sorted." },
      groups: {
        type: ["list", "string"],
        computed: true,
        description: "Placement (group) names in group sequence order: the first is `gseq` 1.",
      },
      denom: {
        type: "string",
        computed: true,
        description: "The pricing denom shared by all groups (`uact` on mainnet today).",
      },
    },
  },
});

export const sdlDataSource = defineDataSource<unknown, typeof sdlSchema>({
  typeName: "akash_sdl",
  schema: sdlSchema,
  validateConfig(config, diags) {
    if (typeof config.sdl === "string") compileSdlAttribute(config.sdl, diags);
  },
  read({ config }) {
    const compiled = compileSdlAttributeOrThrow(config.sdl);
    return Promise.resolve({
      sdl: config.sdl,
      manifest_json: compiled.manifestJson,
      manifest_summary: manifestSummary(compiled.manifest),
      group_specs_json: JSON.stringify(compiled.groupSpecsGoJson),
      hash: compiled.hashHex,
      services: compiled.services,
      groups: compiled.placements,
      denom: compiled.denom,
    });
  },
});
