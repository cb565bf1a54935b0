/**
 * The reference part of a docs page, derived from a schema block: arguments (required, then optional), the
 * attributes terraform computes, and every nested block with its own fields. The `timeouts` block gets its own
 * section because every resource that has one works the same way.
 */
import type { AttributeSpec, BlockSpec, NestedBlockSpec, TfType } from "../../framework/schema";
import { TIMEOUTS_BLOCK } from "../../framework/timeouts";
import type { Value } from "../../framework/values";
import { blockLabel, typeLabel } from "./type-label";

interface Field {
  name: string;
  line: string;
}

interface Grouped {
  required: Field[];
  optional: Field[];
  computed: Field[];
  nested: { path: string[]; spec: NestedBlockSpec }[];
}

/** Continuation lines of a list item are indented so Markdown keeps them in the item. */
function listItem(text: string): string {
  return `- ${text.trim().split("\n").join("\n  ")}`;
}

function sentence(text: string | undefined): string {
  const t = (text ?? "").trim();
  if (t === "") return "";
  return /[.!?:)`]$/.test(t) ? t : `${t}.`;
}

function literal(value: Value): string | undefined {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function anchorFor(path: string[]): string {
  return `nested--${path.join("--")}`;
}

function attributeLine(name: string, attr: AttributeSpec): string {
  const flags = [typeLabel(attr.type)];
  if (attr.sensitive) flags.push("Sensitive");
  if (attr.writeOnly) flags.push("Write-only");
  if (attr.deprecated) flags.push("Deprecated");
  const parts = [`\`${name}\` (${flags.join(", ")})`];
  if (attr.deprecated) parts.push("**Deprecated.**");
  const description = sentence(attr.description);
  if (description) parts.push(description);
  const def = attr.default === undefined ? undefined : literal(attr.default);
  if (def !== undefined && !/default/i.test(attr.description)) parts.push(`Defaults to \`${def}\`.`);
  if (attr.optional && attr.computed && def === undefined && !/default/i.test(attr.description)) {
    parts.push("When not set, the provider computes a value.");
  }
  if (attr.writeOnly) parts.push("Never stored in state or plans (Terraform 1.11+).");
  const fields = objectFields(attr.type);
  return fields ? `${parts.join(" ")} Each object has:\n${fields}` : parts.join(" ");
}

/** For object-typed attributes (or collections of objects): their fields, as a nested list. */
function objectFields(type: TfType): string | undefined {
  if (typeof type === "string" || type[0] === "tuple") return undefined;
  if (type[0] !== "object") return objectFields(type[1]);
  return Object.keys(type[1])
    .sort()
    .map((name) => {
      const fieldType = type[1][name]!;
      const nested = objectFields(fieldType);
      const line = `- \`${name}\` (${typeLabel(fieldType)})`;
      return nested ? `${line}\n${nested.replace(/^/gm, "  ")}` : line;
    })
    .join("\n");
}

function nestedLine(name: string, path: string[], nested: NestedBlockSpec): string {
  const parts = [`\`${name}\` (${blockLabel(nested)})`];
  if (nested.block.deprecated) parts.push("**Deprecated.**");
  const description = sentence(nested.block.description);
  if (description) parts.push(description);
  const target = name === TIMEOUTS_BLOCK && path.length === 1 ? "timeouts" : anchorFor(path);
  parts.push(`See [below](#${target}).`);
  return parts.join(" ");
}

function group(block: BlockSpec, parent: string[]): Grouped {
  const out: Grouped = { required: [], optional: [], computed: [], nested: [] };
  for (const name of Object.keys(block.attributes).sort()) {
    const attr = block.attributes[name]!;
    const field = { name, line: attributeLine(name, attr) };
    if (attr.required) out.required.push(field);
    else if (attr.optional) out.optional.push(field);
    else out.computed.push(field);
  }
  for (const name of Object.keys(block.blocks ?? {}).sort()) {
    const nested = block.blocks![name]!;
    const path = [...parent, name];
    const field = { name, line: nestedLine(name, path, nested) };
    if ((nested.minItems ?? 0) > 0) out.required.push(field);
    else out.optional.push(field);
    out.nested.push({ path, spec: nested });
  }
  return out;
}

function fieldList(fields: Field[]): string {
  return fields.map((f) => listItem(f.line)).join("\n");
}

export interface ReferenceSections {
  /** "## Argument Reference" and "## Attribute Reference". */
  reference: string;
  /** "## Nested Blocks", or "" when there are none besides timeouts. */
  nestedBlocks: string;
  /** "## Timeouts", or "" when the block has no timeouts block. */
  timeouts: string;
}

/** A nested block's required and optional arguments, then its computed attributes. */
function fieldsSection(g: Grouped, level: string): string {
  const parts: string[] = [];
  if (g.required.length > 0) parts.push(`${level} Required\n\n${fieldList(g.required)}`);
  if (g.optional.length > 0) parts.push(`${level} Optional\n\n${fieldList(g.optional)}`);
  if (g.computed.length > 0) parts.push(`${level} Read-Only\n\n${fieldList(g.computed)}`);
  return parts.join("\n\n");
}

function nestedSections(nested: Grouped["nested"]): string[] {
  const out: string[] = [];
  for (const { path, spec } of nested) {
    const g = group(spec.block, path);
    const title = path.join(".");
    const body = fieldsSection(g, "####");
    out.push(
      `<a id="${anchorFor(path)}"></a>\n\n### \`${title}\`\n\n${body || "This block has no fields."}`,
      ...nestedSections(g.nested),
    );
  }
  return out;
}

export function renderReference(block: BlockSpec, options: { isProvider?: boolean } = {}): ReferenceSections {
  const g = group(block, []);
  const args = [...g.required, ...g.optional];
  const reference: string[] = [];
  reference.push(
    "## Argument Reference",
    args.length === 0
      ? "This takes no arguments."
      : [
          g.required.length > 0 ? `### Required\n\n${fieldList(g.required)}` : "",
          g.optional.length > 0 ? `### Optional\n\n${fieldList(g.optional)}` : "",
        ]
          .filter(Boolean)
          .join("\n\n"),
  );
  if (!options.isProvider) {
    reference.push(
      "## Attribute Reference",
      g.computed.length === 0
        ? "There are no attributes besides the arguments above."
        : `In addition to the arguments above, these attributes are exported:\n\n${fieldList(g.computed)}`,
    );
  }
  const timeoutsEntry = g.nested.find((n) => n.path.length === 1 && n.path[0] === TIMEOUTS_BLOCK);
  const otherNested = g.nested.filter((n) => n !== timeoutsEntry);
  const nested = nestedSections(otherNested);
  let timeouts = "";
  if (timeoutsEntry) {
    const ops = Object.keys(timeoutsEntry.spec.block.attributes).sort();
    timeouts = [
      '<a id="timeouts"></a>',
      "## Timeouts",
      `A \`timeouts\` block sets how long the provider waits for each operation before it gives up with an error ` +
        `(\`${ops.join("`, `")}\`):`,
      fieldList(
        ops.map((op) => ({
          name: op,
          line: attributeLine(op, timeoutsEntry.spec.block.attributes[op]!),
        })),
      ),
      "```terraform\ntimeouts {\n" +
        ops
          .map((op) => `  ${op} = "${defaultDuration(timeoutsEntry.spec.block.attributes[op]!)}"`)
          .join("\n") +
        "\n}\n```",
    ].join("\n\n");
  }
  return {
    reference: reference.join("\n\n"),
    nestedBlocks: nested.length > 0 ? ["## Nested Blocks", ...nested].join("\n\n") : "",
    timeouts,
  };
}

/** The default a timeouts attribute documents ("Default: `20m`"), for the example block. */
function defaultDuration(attr: AttributeSpec): string {
  return /Default: `([^`]+)`/.exec(attr.description)?.[1] ?? "20m";
}
