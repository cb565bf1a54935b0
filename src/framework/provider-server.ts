/**
 * The framework's engine: everything terraform asks of a provider, expressed on decoded values. The protocol layer
 * (src/protocol) only decodes requests, calls these methods and encodes the answers. Methods never throw: every
 * failure becomes a diagnostic (DiagnosticError as written, anything else as an internal error).
 */
import { validateBlock } from "./config-validation";
import type { DataSourceDefinition } from "./data-source";
import { DiagnosticError, Diagnostics, formatPath, type AttributePath } from "./diagnostics";
import { flatmapToValue } from "./flatmap";
import { exactJsonToPlain, jsonToValue, parseExactJson } from "./json-values";
import { silentLogger, type Logger } from "./logger";
import { planResource } from "./planning";
import { PrivateState } from "./private-state";
import type { ProviderDefinition } from "./provider";
import { PartialStateError, type OperationContext, type ResourceDefinition } from "./resource";
import { impliedType, type BlockSpec, type TfType } from "./schema";
import { normalizeState, redactSensitive, type NormalizedState } from "./state-normalization";
import { conformValue, type TypeProblem } from "./type-conformance";
import { formatDuration, timeoutFor, timeoutsBlock, TIMEOUTS_BLOCK, type TimeoutOperation } from "./timeouts";
import { isObjectValue, isUnknown, valuesEqual, type ObjectValue, type Value } from "./values";

export interface ResourceEntry<P> {
  def: ResourceDefinition<P>;
  /** The schema block as terraform sees it (with the `timeouts` block when the resource declares timeouts). */
  block: BlockSpec;
  type: TfType;
  version: number;
}

export interface DataSourceEntry<P> {
  def: DataSourceDefinition<P>;
  block: BlockSpec;
  type: TfType;
  version: number;
}

export interface ImportedResource {
  typeName: string;
  state: ObjectValue;
  private: Uint8Array;
}

type Configured<P> = { ok: true; data: P } | { ok: false; summary: string; detail: string };

const EMPTY = new Uint8Array(0);

/** One running operation: its context, and how to explain an abort. */
interface Operation {
  ctx: OperationContext;
  finish(): void;
}

export class ProviderServer<P> {
  readonly providerBlock: BlockSpec;
  readonly providerType: TfType;
  readonly resources = new Map<string, ResourceEntry<P>>();
  readonly dataSources = new Map<string, DataSourceEntry<P>>();
  private readonly stopController = new AbortController();
  private configured: Configured<P> | undefined;

  constructor(
    readonly def: ProviderDefinition<P>,
    private readonly log: Logger = silentLogger,
  ) {
    this.providerBlock = def.schema.block;
    this.providerType = impliedType(def.schema.block);
    for (const r of def.resources) {
      if (this.resources.has(r.typeName)) throw new Error(`resource type ${r.typeName} is defined twice`);
      let block = r.schema.block;
      if (r.timeouts) {
        if (block.blocks?.[TIMEOUTS_BLOCK] || block.attributes[TIMEOUTS_BLOCK]) {
          throw new Error(`${r.typeName} declares both \`timeouts\` and a "${TIMEOUTS_BLOCK}" schema entry`);
        }
        block = { ...block, blocks: { ...block.blocks, [TIMEOUTS_BLOCK]: timeoutsBlock(r.timeouts) } };
      }
      this.resources.set(r.typeName, { def: r, block, type: impliedType(block), version: r.schema.version });
    }
    for (const d of def.dataSources) {
      if (this.dataSources.has(d.typeName)) throw new Error(`data source ${d.typeName} is defined twice`);
      const block = d.schema.block;
      this.dataSources.set(d.typeName, {
        def: d,
        block,
        type: impliedType(block),
        version: d.schema.version,
      });
    }
  }

  /** StopProvider: aborts every in-flight operation's signal (and any started later). */
  stop(): void {
    if (!this.stopController.signal.aborted) {
      this.log.info("stop requested: cancelling in-flight operations");
      this.stopController.abort(
        new DiagnosticError(
          "Operation cancelled",
          "Terraform was interrupted, so the provider stopped waiting. Run terraform again to finish; remote objects created so far are kept in state.",
        ),
      );
    }
  }

  // ---- validation ----

  async validateProviderConfig(config: Value): Promise<Diagnostics> {
    const diags = new Diagnostics();
    await this.guard(diags, "validating the provider configuration", async () => {
      validateBlock(this.providerBlock, config, [], diags);
      if (this.def.validateConfig && isObjectValue(config)) await this.def.validateConfig(config, diags);
    });
    return diags;
  }

  async validateResourceConfig(typeName: string, config: Value): Promise<Diagnostics> {
    const diags = new Diagnostics();
    const entry = this.resource(typeName, diags);
    if (!entry) return diags;
    await this.guard(diags, `validating ${typeName}`, async () => {
      validateBlock(entry.block, config, [], diags);
      if (entry.def.validateConfig && isObjectValue(config)) await entry.def.validateConfig(config, diags);
    });
    return diags;
  }

  async validateDataSourceConfig(typeName: string, config: Value): Promise<Diagnostics> {
    const diags = new Diagnostics();
    const entry = this.dataSource(typeName, diags);
    if (!entry) return diags;
    await this.guard(diags, `validating data source ${typeName}`, async () => {
      validateBlock(entry.block, config, [], diags);
      if (entry.def.validateConfig && isObjectValue(config)) await entry.def.validateConfig(config, diags);
    });
    return diags;
  }

  // ---- provider configuration ----

  async configure(config: Value, terraformVersion: string): Promise<Diagnostics> {
    const diags = new Diagnostics();
    const op = this.operation();
    const ok = await this.guard(diags, "configuring the provider", async () => {
      const data = await this.def.configure({
        config: isObjectValue(config) ? config : {},
        terraformVersion,
        ctx: op.ctx,
      });
      this.configured = { ok: true, data };
    });
    op.finish();
    if (!ok) {
      const first = diags.errors[0];
      this.configured = {
        ok: false,
        summary: first?.summary ?? "unknown error",
        detail: first?.detail ?? "",
      };
    }
    return diags;
  }

  // ---- managed resources ----

  async upgradeResourceState(
    typeName: string,
    version: number,
    raw: { json?: string; flatmap?: Record<string, string> },
  ): Promise<{ state: ObjectValue | null; diags: Diagnostics }> {
    const diags = new Diagnostics();
    const entry = this.resource(typeName, diags);
    if (!entry) return { state: null, diags };
    let state: ObjectValue | null = null;
    await this.guard(diags, `upgrading the stored state of ${typeName}`, async () => {
      if (version > entry.version) {
        throw new DiagnosticError(
          "State from a newer provider",
          `The stored ${typeName} state has schema version ${version}, but this provider only knows up to version ${entry.version}. Use the provider version that wrote the state (or newer).`,
        );
      }
      let value: Value;
      if (version === entry.version) {
        if (raw.json !== undefined && raw.json.length > 0)
          value = jsonToValue(entry.type, parseExactJson(raw.json));
        else value = flatmapToValue(entry.type, raw.flatmap ?? {});
      } else {
        if (!entry.def.upgradeState) {
          throw new DiagnosticError(
            "Cannot upgrade state",
            `The stored ${typeName} state has schema version ${version} and this provider cannot convert it to version ${entry.version}.`,
          );
        }
        const old =
          raw.json !== undefined && raw.json.length > 0
            ? exactJsonToPlain(parseExactJson(raw.json))
            : ({ ...(raw.flatmap ?? {}) } as Record<string, unknown>);
        if (!old || typeof old !== "object" || Array.isArray(old))
          throw new DiagnosticError("Invalid stored state", "not an object");
        value = entry.def.upgradeState({ fromVersion: version, state: old as Record<string, unknown> });
      }
      if (!isObjectValue(value)) return;
      const normalized = normalizeState(entry.block, value, null);
      this.reportProblems(diags, typeName, "upgrading its state", normalized);
      state = normalized.state;
    });
    return { state, diags };
  }

  async readResource(
    typeName: string,
    current: Value,
    priv: Uint8Array | undefined,
  ): Promise<{ state: ObjectValue | null; private: Uint8Array; diags: Diagnostics }> {
    const diags = new Diagnostics();
    const entry = this.resource(typeName, diags);
    if (!entry || !isObjectValue(current))
      return { state: isObjectValue(current) ? current : null, private: priv ?? EMPTY, diags };
    const provider = this.requireProvider(diags);
    if (provider === undefined) return { state: current, private: priv ?? EMPTY, diags };
    const privateState = PrivateState.fromBytes(priv);
    const op = this.operation(
      timeoutFor(current, "read", entry.def.timeouts),
      privateState,
      typeName,
      "read",
    );
    let state: ObjectValue | null = current;
    await this.guard(
      diags,
      `reading ${typeName}`,
      async () => {
        const result = await entry.def.read({ state: current, provider: provider.data, ctx: op.ctx });
        if (result === null) {
          op.ctx.log.info(`${typeName} no longer exists remotely; removing it from state`);
          state = null;
          return;
        }
        const normalized = normalizeState(
          entry.block,
          { ...result, ...this.keepTimeouts(entry, current) },
          current,
        );
        this.reportProblems(diags, typeName, "reading it", normalized);
        state = normalized.state;
      },
      op,
    );
    op.finish();
    this.trace(`read ${typeName}`, entry.block, state);
    return { state, private: privateState.toBytes(), diags };
  }

  async planResourceChange(
    typeName: string,
    req: { prior: Value; proposed: Value; config: Value; priorPrivate?: Uint8Array },
  ): Promise<{
    planned: ObjectValue | null;
    requiresReplace: AttributePath[];
    plannedPrivate: Uint8Array;
    diags: Diagnostics;
  }> {
    const diags = new Diagnostics();
    const plannedPrivate = req.priorPrivate ?? EMPTY;
    const entry = this.resource(typeName, diags);
    if (!entry || !isObjectValue(req.proposed)) {
      // Destroy (planned null): nothing to plan.
      return { planned: null, requiresReplace: [], plannedPrivate, diags };
    }
    const prior = isObjectValue(req.prior) ? req.prior : null;
    const config = isObjectValue(req.config) ? req.config : {};
    let planned: ObjectValue = req.proposed;
    const replace: { path: AttributePath; reason?: string }[] = [];
    await this.guard(diags, `planning ${typeName}`, async () => {
      const result = planResource(entry.block, prior, req.proposed as ObjectValue, config);
      planned = result.planned;
      replace.push(...result.requiresReplace);
      if (entry.def.modifyPlan) {
        await entry.def.modifyPlan({
          prior,
          planned,
          config,
          provider: this.configured?.ok ? this.configured.data : undefined,
          diags,
          requireReplace: (path, reason) => {
            if (prior !== null) replace.push({ path, reason });
          },
        });
      }
    });
    const problems: TypeProblem[] = [];
    planned = conformValue(entry.type, planned, [], problems) as ObjectValue;
    for (const problem of problems) {
      diags.error(
        "Provider planned a value of the wrong type",
        `${typeName}: ${problem.message}. This is a bug in the ${this.def.typeName} provider.`,
        problem.path,
      );
    }
    const requiresReplace: AttributePath[] = [];
    for (const r of replace) {
      if (requiresReplace.some((p) => valuesEqual(p, r.path))) continue;
      requiresReplace.push(r.path);
      const where = formatPath(r.path);
      this.log.info(
        `${typeName}: changing ${where} requires replacement`,
        r.reason ? { reason: r.reason } : {},
      );
      if (r.reason) {
        diags.warning(
          `${typeName} will be replaced`,
          `Changing "${where}" forces replacement: ${r.reason}`,
          r.path,
        );
      }
    }
    this.trace(`planned ${typeName}`, entry.block, planned);
    return { planned, requiresReplace, plannedPrivate, diags };
  }

  async applyResourceChange(
    typeName: string,
    req: { prior: Value; planned: Value; config: Value; plannedPrivate?: Uint8Array },
  ): Promise<{ state: ObjectValue | null; private: Uint8Array; diags: Diagnostics }> {
    const diags = new Diagnostics();
    const prior = isObjectValue(req.prior) ? req.prior : null;
    const planned = isObjectValue(req.planned) ? req.planned : null;
    const config = isObjectValue(req.config) ? req.config : {};
    const entry = this.resource(typeName, diags);
    const privateState = PrivateState.fromBytes(req.plannedPrivate);
    if (!entry) return { state: prior, private: req.plannedPrivate ?? EMPTY, diags };
    const provider = this.requireProvider(diags);
    if (provider === undefined) return { state: prior, private: req.plannedPrivate ?? EMPTY, diags };

    const kind: TimeoutOperation = planned === null ? "delete" : prior === null ? "create" : "update";
    const op = this.operation(
      timeoutFor(planned ?? prior, kind, entry.def.timeouts),
      privateState,
      typeName,
      kind,
    );
    // On failure the object stays as it was: gone if create failed, unchanged if update/delete failed.
    let state: ObjectValue | null = prior;
    const finishWith = (result: ObjectValue, fallback: ObjectValue | null) => {
      const normalized = normalizeState(
        entry.block,
        { ...result, ...this.keepTimeouts(entry, planned) },
        fallback,
      );
      this.reportProblems(diags, typeName, `${kind === "create" ? "creating" : "updating"} it`, normalized);
      return normalized.state;
    };
    await this.guard(
      diags,
      `${kind === "create" ? "creating" : kind === "update" ? "updating" : "deleting"} ${typeName}`,
      async () => {
        try {
          if (kind === "delete") {
            await entry.def.delete({ state: prior!, provider: provider.data, ctx: op.ctx });
            state = null;
          } else if (kind === "create") {
            const result = await entry.def.create({
              planned: planned!,
              config,
              provider: provider.data,
              ctx: op.ctx,
            });
            state = finishWith(result, planned);
          } else {
            const result = await entry.def.update({
              prior: prior!,
              planned: planned!,
              config,
              provider: provider.data,
              ctx: op.ctx,
            });
            state = finishWith(result, planned);
          }
        } catch (error) {
          if (error instanceof PartialStateError && kind !== "delete") {
            // Keep what exists remotely (terraform marks it tainted) and report why it is incomplete.
            state = finishWith(error.state, prior);
            throw error.cause;
          }
          throw error;
        }
      },
      op,
    );
    op.finish();
    this.trace(`applied ${typeName}`, entry.block, state);
    return { state, private: privateState.toBytes(), diags };
  }

  async importResourceState(
    typeName: string,
    id: string,
  ): Promise<{ imported: ImportedResource[]; diags: Diagnostics }> {
    const diags = new Diagnostics();
    const entry = this.resource(typeName, diags);
    if (!entry) return { imported: [], diags };
    if (!entry.def.importState) {
      diags.error(
        "Import not supported",
        `${typeName} cannot be imported; create it with terraform instead.`,
      );
      return { imported: [], diags };
    }
    const importState = entry.def.importState.bind(entry.def);
    const provider = this.requireProvider(diags);
    if (provider === undefined) return { imported: [], diags };
    const privateState = new PrivateState();
    const op = this.operation(timeoutFor(null, "read", entry.def.timeouts), privateState, typeName, "read");
    const imported: ImportedResource[] = [];
    await this.guard(
      diags,
      `importing ${typeName} "${id}"`,
      async () => {
        const result = await importState({ id, provider: provider.data, ctx: op.ctx });
        const normalized = normalizeState(entry.block, { ...result, [TIMEOUTS_BLOCK]: null }, null);
        this.reportProblems(diags, typeName, "importing it", normalized);
        imported.push({ typeName, state: normalized.state, private: privateState.toBytes() });
      },
      op,
    );
    op.finish();
    return { imported, diags };
  }

  // ---- data sources ----

  async readDataSource(
    typeName: string,
    config: Value,
  ): Promise<{ state: ObjectValue | null; diags: Diagnostics }> {
    const diags = new Diagnostics();
    const entry = this.dataSource(typeName, diags);
    if (!entry || !isObjectValue(config)) return { state: null, diags };
    const provider = this.requireProvider(diags);
    if (provider === undefined) return { state: null, diags };
    const op = this.operation(undefined, new PrivateState(), typeName, "read");
    let state: ObjectValue | null = null;
    await this.guard(
      diags,
      `reading data source ${typeName}`,
      async () => {
        const result = await entry.def.read({ config, provider: provider.data, ctx: op.ctx });
        const normalized = normalizeState(entry.block, result, config);
        this.reportProblems(diags, `data source ${typeName}`, "reading it", normalized);
        state = normalized.state;
      },
      op,
    );
    op.finish();
    this.trace(`read data source ${typeName}`, entry.block, state);
    return { state, diags };
  }

  // ---- internals ----

  private resource(typeName: string, diags: Diagnostics): ResourceEntry<P> | undefined {
    const entry = this.resources.get(typeName);
    if (!entry)
      diags.error(
        "Unknown resource type",
        `The ${this.def.typeName} provider has no resource type "${typeName}".`,
      );
    return entry;
  }

  private dataSource(typeName: string, diags: Diagnostics): DataSourceEntry<P> | undefined {
    const entry = this.dataSources.get(typeName);
    if (!entry)
      diags.error(
        "Unknown data source",
        `The ${this.def.typeName} provider has no data source "${typeName}".`,
      );
    return entry;
  }

  private requireProvider(diags: Diagnostics): { data: P } | undefined {
    if (this.configured?.ok) return { data: this.configured.data };
    if (this.configured) {
      diags.error(
        `The ${this.def.typeName} provider is not configured`,
        `Its configuration failed: ${this.configured.summary}${this.configured.detail ? ` (${this.configured.detail})` : ""}. Fix the provider "${this.def.typeName}" block or the environment it reads.`,
      );
    } else {
      diags.error(
        `The ${this.def.typeName} provider is not configured`,
        "Terraform did not configure the provider before using it.",
      );
    }
    return undefined;
  }

  /** The timeouts block is the user's, not the handler's: carried over from the plan or prior state. */
  private keepTimeouts(entry: ResourceEntry<P>, from: ObjectValue | null): ObjectValue {
    if (!entry.def.timeouts) return {};
    return { [TIMEOUTS_BLOCK]: from?.[TIMEOUTS_BLOCK] ?? null };
  }

  private reportProblems(diags: Diagnostics, what: string, doing: string, normalized: NormalizedState): void {
    for (const problem of normalized.typeProblems) {
      diags.error(
        "Provider returned a value of the wrong type",
        `After ${doing}, ${what}: ${problem.message}. This is a bug in the ${this.def.typeName} provider; the value was saved as null. Please report it.`,
        problem.path,
      );
    }
    const paths = normalized.unknownPaths;
    if (paths.length === 0) return;
    const list = paths.map((p) => `"${formatPath(p) || "(whole object)"}"`).join(", ");
    diags.error(
      "Provider returned an incomplete result",
      `After ${doing}, ${what} still had no value for ${list}. This is a bug in the ${this.def.typeName} provider; the values were saved as null. Please report it.`,
      paths.length === 1 ? paths[0] : undefined,
    );
  }

  private operation(
    timeoutMs?: number,
    privateState = new PrivateState(),
    typeName = "",
    kind = "",
  ): Operation {
    const stop = this.stopController.signal;
    if (timeoutMs === undefined) {
      return { ctx: { signal: stop, log: this.log, private: privateState }, finish() {} };
    }
    const timer = new AbortController();
    const handle = setTimeout(() => {
      timer.abort(
        new DiagnosticError(
          "Timed out",
          `The ${kind} of ${typeName} did not finish within ${formatDuration(timeoutMs)}. Set a longer \`timeouts { ${kind} = "..." }\` if it needs more time, then run terraform again.`,
        ),
      );
    }, timeoutMs);
    handle.unref?.();
    return {
      ctx: {
        signal: AbortSignal.any([stop, timer.signal]),
        log: this.log,
        private: privateState,
        deadline: Date.now() + timeoutMs,
      },
      finish: () => clearTimeout(handle),
    };
  }

  /** Runs `fn`, turning any exception into a diagnostic. Returns false when it threw. */
  private async guard(
    diags: Diagnostics,
    doing: string,
    fn: () => Promise<void>,
    op?: Operation,
  ): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (error) {
      this.addError(diags, doing, error, op);
      return false;
    }
  }

  private addError(diags: Diagnostics, doing: string, error: unknown, op?: Operation): void {
    if (error instanceof DiagnosticError) {
      diags.error(error.summary, error.detail, error.path);
      return;
    }
    const signal = op?.ctx.signal;
    if (signal?.aborted && signal.reason instanceof DiagnosticError) {
      // Typically an AbortError from fetch or a timer: explain the abort itself.
      diags.error(signal.reason.summary, signal.reason.detail);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.log.error(`internal error while ${doing}`, {
      error: message,
      stack: error instanceof Error ? error.stack : undefined,
    });
    diags.error(
      `Internal error in the ${this.def.typeName} provider`,
      `While ${doing}: ${message}\n\nThis is a bug in the provider; please report it with the output of TF_LOG=debug.`,
    );
  }

  private trace(msg: string, block: BlockSpec, value: Value): void {
    this.log.trace(msg, { value: isUnknown(value) ? "unknown" : redactSensitive(block, value) });
  }
}
