import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaperBroker } from '@zepix/paper-broker';
import type { SpreadPips } from '@zepix/paper-broker';
import { IN_MEMORY_DATA_DIR, PluginConfigError, validatePluginConfig } from '@zepix/plugin-core';
import type {
  BaseLogicPlugin,
  LogicPluginClass,
  MtfTrends,
  PluginContext,
  PluginServices,
  Position,
} from '@zepix/plugin-core';
import { SymbolBook } from '@zepix/symbols';
import { TradingConfigSchema, TradingEngine, openPluginDatabase } from '@zepix/trading';
import type { TradeRow, TradingConfigInput } from '@zepix/trading';
import { pino } from 'pino';
import { HarnessTrends } from './HarnessTrends.js';
import { recordServices } from './recordServices.js';
import type { ServiceCall } from './recordServices.js';

/** Options of `createPluginHarness`. */
export interface PluginHarnessOptions {
  readonly id?: string;
  /** The plugin's `plugins.<id>` section, validated as the bot validates it; its `risk` is the plugin's budget. */
  readonly config?: Record<string, unknown>;
  /** The engine's `trading` section; `{}` gives the bot's defaults. */
  readonly trading?: TradingConfigInput;
  /** The account balance (default $10,000: the $10k tier). */
  readonly balance?: number;
  /** Start time of the harness clock (default 2026-03-02T10:00:00Z, a Monday). */
  readonly now?: string;
  /** Trends stored before the plugin starts, per symbol. */
  readonly trends?: Readonly<Record<string, MtfTrends>>;
  /** The plugin's own data folder (default in memory); pass a folder to test what survives a restart. */
  readonly dataDir?: string;
  /**
   * Wraps the services before the plugin gets them, e.g. to put the host's guard around order calls. The engine
   * still answers whatever the wrapper passes on.
   */
  readonly wrapServices?: (services: PluginServices) => PluginServices;
  /** Spread in pips per symbol (default none anywhere, so fills are at the price the test set). */
  readonly spreadPips?: SpreadPips;
}

/**
 * A plugin wired to the real trading engine on an in-memory paper broker: what it does is what the bot would do.
 * Its functions are plain properties, so they may be destructured.
 */
export interface PluginHarness<P> {
  readonly plugin: P;
  readonly engine: TradingEngine;
  readonly broker: PaperBroker;
  /** The services the plugin was given: the engine's own, with every call recorded. */
  readonly services: PluginServices;
  /** Every service call the plugin (or the test, through `services`) made, in order. */
  readonly calls: readonly ServiceCall[];
  /** The options of every call to one service method, in order. */
  readonly callsTo: (service: keyof PluginServices, method: string) => unknown[];
  /** Stores trends as trend alerts would. */
  readonly setTrends: (symbol: string, trends: MtfTrends) => void;
  /** Moves the market: the broker fires SL/TP it crosses, then chains and re-entry monitors see the tick. */
  readonly price: (symbol: string, bid: number, ask?: number) => Promise<void>;
  /** Moves the harness clock forward. */
  readonly advanceMinutes: (minutes: number) => void;
  /** Every order and position, oldest first. */
  readonly trades: () => TradeRow[];
  /** The plugin's open positions as stored rows, oldest first (synchronous, for assertions). */
  readonly openTrades: () => TradeRow[];
  /** The plugin's open positions, as `orderExecution.getOpenPositions` answers them. */
  readonly positions: () => Promise<readonly Position[]>;
  /** Closes the plugin, the engine and the broker, and deletes the temp folder. */
  readonly close: () => Promise<void>;
}

type PluginClassOf<P> = LogicPluginClass & (new (context: PluginContext<never>) => P);

const NO_SPREAD: SpreadPips = { default: 0, XAUUSD: 0 };

/**
 * Runs a plugin class against the real trading engine (risk gate, lot sizing, dual orders, chains, re-entries)
 * on an in-memory paper broker priced at XAUUSD 2650 and EURUSD 1.1 with no spread, with a trend store the test
 * sets. Nothing here can drift from the engine, because it is the engine. Throws PluginConfigError listing every
 * config issue, as the bot refuses to start on them.
 */
export async function createPluginHarness<P extends BaseLogicPlugin>(
  pluginClass: PluginClassOf<P>,
  options: PluginHarnessOptions = {},
): Promise<PluginHarness<P>> {
  const id = options.id ?? 'test-plugin';
  const parsed = validatePluginConfig(pluginClass, id, options.config);
  if (!parsed.ok) throw new PluginConfigError(parsed.error.issues, { plugin: id });
  const dir = mkdtempSync(join(tmpdir(), 'zepix-plugin-harness-'));
  let now = Date.parse(options.now ?? '2026-03-02T10:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const symbols = new SymbolBook();
  const broker = PaperBroker.open({
    path: ':memory:',
    symbols,
    startingBalance: options.balance ?? 10_000,
    spreadPips: { ...NO_SPREAD, ...options.spreadPips },
    now: clock.now,
  });
  broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
  const trends = new HarnessTrends();
  for (const [symbol, values] of Object.entries(options.trends ?? {})) trends.set(symbol, values);
  const logger = pino({ level: 'silent' });
  const engine = await TradingEngine.open({
    path: join(dir, 'trading.db'),
    broker,
    symbols,
    config: TradingConfigSchema.parse(options.trading ?? {}),
    logger,
    trends,
    now: clock.now,
  });
  // The plugin's risk budget (its class defaults under the config's `risk`), counted by the gate as in the bot.
  const trading = engine.servicesFor(id, { riskBudget: parsed.value.riskBudget });
  const recorded = recordServices({ ...trading, trends, clock, logger: logger.child({ plugin: id }) });
  const plugin = new pluginClass({
    id,
    config: parsed.value.config as never,
    services: options.wrapServices ? options.wrapServices(recorded.services) : recorded.services,
    logger: logger.child({ plugin: id }),
    metadata: { packageName: `@zepix/plugin-${id}`, version: '0.0.0', apiVersion: 1 },
    dataDir: options.dataDir ?? IN_MEMORY_DATA_DIR,
    openDatabase: openPluginDatabase,
    enabled: true,
  }) as P;
  await plugin.initialize();
  return {
    plugin,
    engine,
    broker,
    services: recorded.services,
    calls: recorded.calls,
    callsTo: (service, method) =>
      recorded.calls.filter((c) => c.service === service && c.method === method).map((c) => c.options),
    setTrends: (symbol, values) => trends.set(symbol, values),
    price: async (symbol, bid, ask) => {
      broker.updatePrice({ symbol, bid, ask: ask ?? bid });
      await engine.onPrice({ symbol, bid, ask: ask ?? bid, time: clock.now().toISOString() });
    },
    advanceMinutes: (minutes) => {
      now += minutes * 60_000;
    },
    trades: () => engine.listTrades(),
    openTrades: () => engine.listTrades({ plugin: id, state: 'open' }),
    positions: () => engine.servicesFor(id).orderExecution.getOpenPositions(),
    close: async () => {
      await plugin.shutdown();
      await engine.close();
      await broker.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
