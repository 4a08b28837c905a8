import { join } from 'node:path';
import { z } from 'zod';
import { PLUGIN_API_VERSION, PLUGIN_BRAND } from './apiVersion.js';
import type { Alert, EntryAlert, ExitAlert, InfoAlert, ReversalAlert } from './alerts.js';
import type { PluginDatabase, PluginDatabaseOpener } from './database.js';
import type { PluginLogger } from './logger.js';
import type { AlertValidation, PluginCounters, PluginMetadata, PluginResult, PluginStatus } from './results.js';
import type { PluginRiskBudget } from './riskBudget.js';
import type { PluginServices } from './services.js';

/** Pass as `dataDir` to keep a plugin's database in memory (tests, dry runs). */
export const IN_MEMORY_DATA_DIR = ':memory:';

/** Everything the host hands a plugin when it creates it. */
export interface PluginContext<TConfig = unknown> {
  readonly id: string;
  /** The plugin's settings, already validated against its `configSchema` with defaults applied. */
  readonly config: TConfig;
  readonly services: PluginServices;
  /** The host's logger bound to `{ plugin: id }` (the bot passes a pino child). */
  readonly logger: PluginLogger;
  readonly metadata: PluginMetadata;
  /** Folder for the plugin's database, or `:memory:`. */
  readonly dataDir: string;
  /** Opens the plugin's database at the path given; called on the first use of `db`, never by the constructor. */
  readonly openDatabase: PluginDatabaseOpener;
  readonly enabled?: boolean;
}

/**
 * A plugin class as the host sees it: constructible from a context, carrying the static contract. The context's
 * config is typed `never` so any subclass fits; the host passes the value its `configSchema` produced.
 */
/**
 * An alert a plugin declares it handles, sent by `zepix test-plugin` through the real engine in that order. The
 * body is the TradingView message: a JSON object, or text such as a V6 pipe alert. Trend alerts may come first
 * to set the context an entry needs.
 */
export interface SampleAlert {
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>> | string;
}

export interface LogicPluginClass {
  new (context: PluginContext<never>): BaseLogicPlugin<unknown>;
  readonly configSchema: z.ZodType;
  readonly defaultEnabled: boolean;
  /** Alerts the plugin must handle without a refusal; `zepix test-plugin` fails when one is refused. */
  readonly sampleAlerts?: readonly SampleAlert[];
  /** Default per-plugin risk budget; absent on classes built before budgets existed. */
  readonly riskBudget?: PluginRiskBudget;
  readonly [PLUGIN_BRAND]: number;
}

function emptyCounters(): PluginCounters {
  return { processed: 0, ok: 0, skipped: 0, rejected: 0, failed: 0, consecutiveFailures: 0 };
}

/**
 * The base of every Zepix logic plugin. Subclasses implement the three signal methods, may override
 * `validateAlert`, `initialize`, `onInfoSignal` and `onShutdown`, and declare their settings as a static zod
 * `configSchema` with defaults.
 */
export abstract class BaseLogicPlugin<TConfig = unknown> {
  /** Brand checked by the host instead of `instanceof`, which fails across two copies of this package. */
  static readonly [PLUGIN_BRAND]: number = PLUGIN_API_VERSION;
  /** The plugin's settings with defaults; the host validates `plugins.<id>` against it. */
  static configSchema: z.ZodType = z.object({});
  /** Whether the plugin trades when the config does not say `enabled`. */
  static defaultEnabled = true;
  /** Alerts this plugin handles, in order, for `zepix test-plugin`; none means it is sent legacy samples. */
  static sampleAlerts: readonly SampleAlert[] = [];
  /** The plugin's own risk budget by default; the operator overrides fields with `plugins.<id>.risk`. */
  static riskBudget: PluginRiskBudget = {};

  readonly id: string;
  readonly config: TConfig;
  readonly services: PluginServices;
  readonly logger: PluginLogger;
  readonly metadata: PluginMetadata;
  readonly databasePath: string;
  /** Kept by the registry; read through `getStatus()`. */
  readonly counters: PluginCounters = emptyCounters();

  #enabled: boolean;
  #db: PluginDatabase | undefined;
  readonly #openDatabase: PluginDatabaseOpener;

  constructor(context: PluginContext<TConfig>) {
    this.id = context.id;
    this.config = context.config;
    this.services = context.services;
    this.logger = context.logger;
    this.metadata = context.metadata;
    this.#openDatabase = context.openDatabase;
    this.databasePath =
      context.dataDir === IN_MEMORY_DATA_DIR ? IN_MEMORY_DATA_DIR : join(context.dataDir, `zepix_${context.id}.db`);
    this.#enabled = context.enabled ?? (new.target as unknown as LogicPluginClass).defaultEnabled ?? true;
  }

  /** Opens an entry; called for alerts of kind `entry`. */
  abstract processEntrySignal(alert: EntryAlert): Promise<PluginResult>;
  /** Closes positions; called for alerts of kind `exit`. */
  abstract processExitSignal(alert: ExitAlert): Promise<PluginResult>;
  /** Closes and re-enters the other way; called for alerts of kind `reversal`. */
  abstract processReversalSignal(alert: ReversalAlert): Promise<PluginResult>;

  /** Optional hook for trend, bias, squeeze and trend-pulse alerts. Returning undefined counts as skipped. */
  onInfoSignal(alert: InfoAlert): Promise<PluginResult | undefined> {
    void alert;
    return Promise.resolve(undefined);
  }

  /** Decides whether this plugin wants the alert at all. The default accepts everything. */
  validateAlert(alert: Alert): AlertValidation {
    void alert;
    return { ok: true };
  }

  /** Runs once after construction, before the first alert; may be async. */
  initialize(): Promise<void> {
    return Promise.resolve();
  }

  /** Runs once at shutdown, before the database closes. */
  onShutdown(): Promise<void> {
    return Promise.resolve();
  }

  /** Whether the plugin currently receives alerts. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Starts routing alerts to this plugin. */
  enable(): void {
    this.#enabled = true;
    this.counters.consecutiveFailures = 0;
  }

  /** Stops routing alerts to this plugin; calls return a skipped result. */
  disable(): void {
    this.#enabled = false;
  }

  /** The plugin's own SQLite database at `<dataDir>/zepix_<id>.db`, opened by the host on first use. */
  get db(): PluginDatabase {
    this.#db ??= this.#openDatabase(this.databasePath);
    return this.#db;
  }

  /** Id, state, package facts, database and counters. */
  getStatus(): PluginStatus {
    return {
      id: this.id,
      enabled: this.#enabled,
      metadata: this.metadata,
      databasePath: this.databasePath,
      databaseOpen: this.#db?.open ?? false,
      counters: { ...this.counters },
    };
  }

  /** Calls `onShutdown`, then closes the database. Safe to call twice. */
  async shutdown(): Promise<void> {
    try {
      await this.onShutdown();
    } finally {
      this.#db?.close();
      this.#db = undefined;
    }
  }
}
