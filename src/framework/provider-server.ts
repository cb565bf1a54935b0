/**
 * The framework's engine: everything terraform asks of a provider, expressed on decoded values. The protocol layer
 * (src/protocol) only decodes requests, calls these methods and encodes the answers. Methods never throw: every
 * failure becomes a diagnostic (DiagnosticError as written, anything else as an internal error).
 */
import { applyKind, callApplyHandler } from "./apply-change";
import { validateBlock } from "./config-validation";
import { DiagnosticError, Diagnostics, type AttributePath } from "./diagnostics";
import { reportFailure } from "./failure-diagnostics";
import { silentLogger, type Logger } from "./logger";
import { startOperation, type Operation } from "./operation";
import { planResource } from "./planning";
import { PrivateState } from "./private-state";
import type { ProviderDefinition } from "./provider";
import {
  dataSourceEntries,
  resourceEntries,
  type DataSourceEntry,
  type ResourceEntry,
} from "./provider-entries";
import { reportReplacements, type Replacement } from "./replacements";
import { PartialStateError } from "./resource";
import { reportPlannedProblems, reportResultProblems } from "./result-problems";
import { impliedType, type BlockSpec, type TfType } from "./schema";
import { normalizeState, redactSensitive, type NormalizedState } from "./state-normalization";
import { upgradeStoredState, type StoredState } from "./state-upgrade";
import { conformValue, type TypeProblem } from "./type-conformance";
import { timeoutFor, TIMEOUTS_BLOCK } from "./timeouts";
import { isObjectValue, isUnknown, type ObjectValue, type Value } from "./values";

export interface ImportedResource {
  typeName: string;
  state: ObjectValue;
  private: Uint8Array;
}

type Configured<P> = { ok: true; data: P } | { ok: false; summary: string; detail: string };

const EMPTY = new Uint8Array(0);

export class ProviderServer<P> {
  readonly providerBlock: BlockSpec;
  readonly providerType: TfType;
  readonly resources: Map<string, ResourceEntry<P>>;
  readonly dataSources: Map<string, DataSourceEntry<P>>;
  private readonly stopController = new AbortController();
  private configured: Configured<P> | undefined;

  constructor(
    readonly def: ProviderDefinition<P>,
    private readonly log: Logger = silentLogger,
  ) {
    this.providerBlock = def.schema.block;
    this.providerType = impliedType(def.schema.block);
    this.resources = resourceEntries(def.resources);
    this.dataSources = dataSourceEntries(def.dataSources);
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
    raw: StoredState,
  ): Promise<{ state: ObjectValue | null; diags: Diagnostics }> {
    const diags = new Diagnostics();
    const entry = this.resource(typeName, diags);
    if (!entry) return { state: null, diags };
    let state: ObjectValue | null = null;
    await this.guard(diags, `upgrading the stored state of ${typeName}`, async () => {
      const value = upgradeStoredState(entry, typeName, version, raw);
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
    const replace: Replacement[] = [];
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
    reportPlannedProblems(diags, this.def.typeName, typeName, problems);
    const requiresReplace = reportReplacements(diags, this.log, typeName, replace);
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

    const kind = applyKind(prior, planned);
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
          const req = { prior, planned, config, provider: provider.data, ctx: op.ctx };
          const result = await callApplyHandler(entry.def, kind, req);
          state = kind === "delete" ? null : finishWith(result!, planned);
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
    reportResultProblems(diags, this.def.typeName, { what, doing, normalized });
  }

  private operation(
    timeoutMs?: number,
    privateState = new PrivateState(),
    typeName = "",
    kind = "",
  ): Operation {
    return startOperation({
      stop: this.stopController.signal,
      log: this.log,
      timeoutMs,
      privateState,
      typeName,
      kind,
    });
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
    reportFailure(diags, { doing, error, op }, this.def.typeName, this.log);
  }

  private trace(msg: string, block: BlockSpec, value: Value): void {
    this.log.trace(msg, { value: isUnknown(value) ? "unknown" : redactSensitive(block, value) });
  }
}
