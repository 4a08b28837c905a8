import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_MEMORY_DATA_DIR, PluginConfigError, validatePluginConfig } from '@zepix/plugin-core';
import type {
  BaseLogicPlugin,
  Direction,
  LogicPluginClass,
  MtfTrends,
  PluginContext,
  PluginServices,
  TrendService,
} from '@zepix/plugin-core';
import { SymbolBook } from '@zepix/symbols';
import { pino } from 'pino';
import { TradingConfigSchema } from '../config.js';
import type { TradingConfigInput } from '../config.js';
import { openPluginDatabase } from '../openPluginDatabase.js';
import { TradingEngine } from '../TradingEngine.js';
import type { TradeRow } from '../types.js';
import { FakeBroker } from './FakeBroker.js';

/** A trend store in memory: what trend alerts would have stored, per symbol and timeframe (minutes). */
class HarnessTrends implements TrendService {
  readonly #trends = new Map<string, MtfTrends>();

  set(symbol: string, trends: MtfTrends): void {
    this.#trends.set(symbol, { ...this.#trends.get(symbol), ...trends });
  }

  getTrends(options: { readonly symbol: string }): Promise<MtfTrends> {
    return Promise.resolve(this.#trends.get(options.symbol) ?? {});
  }

  getTrend(options: { readonly symbol: string; readonly timeframe: number }) {
    return Promise.resolve(this.#trends.get(options.symbol)?.[options.timeframe]);
  }

  /** As the bot's store: a timeframe agrees when its trend is the direction's sign; neutral never agrees. */
  checkAlignment(options: {
    readonly symbol: string;
    readonly direction: Direction;
    readonly timeframes: readonly number[];
    readonly minAgreeing?: number;
  }) {
    const want = options.direction === 'buy' ? 1 : -1;
    const stored = this.#trends.get(options.symbol) ?? {};
    const agreeing = options.timeframes.filter((tf) => stored[tf] === want).length;
    const needed = options.minAgreeing ?? options.timeframes.length;
    const detail = options.timeframes.map((tf) => `${tf}m:${stored[tf] ?? '?'}`).join(' ');
    return Promise.resolve({ aligned: agreeing >= needed, agreeing, detail });
  }
}

/** Options of `createPluginHarness`. */
export interface PluginHarnessOptions {
  readonly id?: string;
  /** The plugin's `plugins.<id>` section, validated as the bot validates it. */
  readonly config?: Record<string, unknown>;
  /** The engine's `trading` section; `{}` gives the bot's defaults. */
  readonly trading?: TradingConfigInput;
  /** The account balance (default $10,000: the $10k tier). */
  readonly balance?: number;
  /** Start time of the harness clock (default 2026-03-02T10:00:00Z, a Monday). */
  readonly now?: string;
}

/** A plugin wired to the real trading engine on an in-memory broker: what it does is what the bot would do. */
export interface PluginHarness<P> {
  readonly plugin: P;
  readonly engine: TradingEngine;
  readonly broker: FakeBroker;
  /** Stores trends as trend alerts would. */
  setTrends(symbol: string, trends: MtfTrends): void;
  /** Moves the market: the broker fires SL/TP it crosses, then chains and re-entry monitors see the tick. */
  price(symbol: string, bid: number, ask?: number): Promise<void>;
  /** Moves the harness clock forward. */
  advanceMinutes(minutes: number): void;
  /** Every order and position, oldest first. */
  trades(): TradeRow[];
  /** Closes the plugin and the engine and deletes the temp folder. */
  close(): Promise<void>;
}

/**
 * Runs a plugin class against the real trading engine (risk gate, lot sizing, dual orders, chains, re-entries)
 * on an in-memory broker priced at XAUUSD 2650 and EURUSD 1.1 with no spread, with a trend store the test sets.
 * Use it instead of mock services: nothing here can drift from the engine, because it is the engine.
 */
export async function createPluginHarness<P extends BaseLogicPlugin>(
  pluginClass: LogicPluginClass & (new (context: PluginContext<never>) => P),
  options: PluginHarnessOptions = {},
): Promise<PluginHarness<P>> {
  const id = options.id ?? 'test-plugin';
  const parsed = validatePluginConfig(pluginClass, id, options.config);
  if (!parsed.ok) throw new PluginConfigError(parsed.error.issues, { plugin: id });
  const dir = mkdtempSync(join(tmpdir(), 'zepix-plugin-harness-'));
  let now = Date.parse(options.now ?? '2026-03-02T10:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const symbols = new SymbolBook();
  const broker = new FakeBroker({ symbols, balance: options.balance ?? 10_000, now: clock.now });
  broker.setPrice({ symbol: 'XAUUSD', bid: 2650 });
  broker.setPrice({ symbol: 'EURUSD', bid: 1.1 });
  const trends = new HarnessTrends();
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
  const services: PluginServices = { ...engine.servicesFor(id), trends, clock, logger: logger.child({ plugin: id }) };
  const plugin = new pluginClass({
    id,
    config: parsed.value.config as never,
    services,
    logger: logger.child({ plugin: id }),
    metadata: { packageName: `@zepix/plugin-${id}`, version: '0.0.0', apiVersion: 1 },
    dataDir: IN_MEMORY_DATA_DIR,
    openDatabase: openPluginDatabase,
    enabled: true,
  }) as P;
  await plugin.initialize();
  return {
    plugin,
    engine,
    broker,
    setTrends: (symbol, values) => trends.set(symbol, values),
    price: async (symbol, bid, ask) => {
      await engine.onPrice(broker.setPrice({ symbol, bid, ...(ask === undefined ? {} : { ask }) }));
    },
    advanceMinutes: (minutes) => {
      now += minutes * 60_000;
    },
    trades: () => engine.listTrades(),
    close: async () => {
      await plugin.shutdown();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
