import { join } from 'node:path';
import type { BrokerAdapter, TradeClose } from '@zepix/broker-api';
import type { Clock, PluginRiskBudget, PluginServices } from '@zepix/plugin-core';
import { SymbolBook } from '@zepix/symbols';
import { TradingEngine } from '@zepix/trading';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import { guardOrders } from '../dispatch/pluginCall.js';
import type { TrendStore } from '../trends/TrendStore.js';
import { trendService } from '../trends/trendService.js';
import { createBroker } from './brokers/createBroker.js';
import type { BrokerHandle, BrokerIdentity } from './brokers/createBroker.js';

/** How often open positions are checked for an expired holding time when no price moves them. */
const SWEEP_INTERVAL_MS = 30_000;

/** A price for the paper broker: a mid (the spread is applied around it) or bid and ask. */
export interface PriceInput {
  readonly symbol: string;
  readonly mid?: number;
  readonly bid?: number;
  readonly ask?: number;
}

/** What a trading runtime opens over. */
export interface TradingRuntimeOptions {
  readonly dataDir: string;
  readonly config: BotConfig;
  readonly trends: TrendStore;
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
  /** Clock of the broker and the engine; replay sets it to the recorded time. */
  readonly now?: () => Date;
  /** Wraps the broker the engine talks to (metrics time its requests). */
  readonly measureBroker?: (broker: BrokerAdapter) => BrokerAdapter;
}

/**
 * The broker, the symbol book and the trading engine, opened together over one data folder. With the paper broker
 * prices enter only through `feedPrice`, so the broker fills at the price the engine then sees; a real broker's
 * prices arrive as its 'price' events and drive the engine the same way.
 */
export class TradingRuntime {
  private constructor(
    private readonly handle: BrokerHandle,
    readonly engine: TradingEngine,
    readonly symbols: SymbolBook,
    private readonly trends: TrendStore,
    /** Latest mid per symbol: the symbol book converts JPY and CAD pip values with it. */
    private readonly mids: Map<string, number>,
    /** Expires holding times while no prices arrive. */
    private readonly sweeper: NodeJS.Timeout,
  ) {}

  /** Opens the configured broker and `zepix_trading.db` in `dataDir`, and reconciles unconfirmed orders. */
  static async open(options: TradingRuntimeOptions): Promise<TradingRuntime> {
    const mids = new Map<string, number>();
    const symbols = new SymbolBook({ overrides: options.config.symbols, rates: (pair) => mids.get(pair) });
    const env = options.env ?? process.env;
    const handle = await createBroker({ ...options, env, symbols });
    const { broker } = handle;
    const engine = await TradingEngine.open({
      path: join(options.dataDir, 'zepix_trading.db'),
      broker: options.measureBroker?.(broker) ?? broker,
      symbols,
      config: options.config.trading,
      logger: options.logger.child({ component: 'trading' }),
      trends: { checkAlignment: (o) => Promise.resolve(options.trends.checkAlignment(o)) },
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    const sweeper = setInterval(() => void engine.sweep().catch(() => undefined), SWEEP_INTERVAL_MS);
    sweeper.unref();
    const runtime = new TradingRuntime(handle, engine, symbols, options.trends, mids, sweeper);
    if (handle.updatePrice === undefined) {
      broker.onEvent((event) => {
        if (event.type !== 'price') return;
        mids.set(event.tick.symbol, (event.tick.bid + event.tick.ask) / 2);
        void engine.onPrice(event.tick).catch((error: unknown) => options.logger.error({ err: error }, 'tick failed'));
        const { symbol, bid, ask } = event.tick;
        void runtime.#feedFollowers({ symbol, bid, ask });
      });
    }
    return runtime;
  }

  /** The broker in use. */
  get broker(): BrokerAdapter {
    return this.handle.broker;
  }

  /** True when prices fed here move the broker's market (the paper broker); a real broker has its own. */
  get movesMarket(): boolean {
    return this.handle.updatePrice !== undefined;
  }

  /** Which broker, account and environment. */
  get brokerIdentity(): BrokerIdentity {
    return this.handle.identity;
  }

  /**
   * Moves the paper market: the broker fills SL/TP it crosses, then chains and re-entry monitors see the tick. A
   * real broker's market is its own: an alert's price does not move it (its prices come from its stream).
   */
  async feedPrice(price: PriceInput): Promise<TradeClose[]> {
    const closes = await this.#feedOwn(price);
    await this.#feedFollowers(price);
    return closes;
  }

  /** Runtimes that see every price this one sees (the shadow plugins' paper broker). */
  readonly #followers: TradingRuntime[] = [];

  /** Feeds every later price to `other` as well, after this runtime has handled it. */
  followPrices(other: TradingRuntime): void {
    this.#followers.push(other);
  }

  async #feedFollowers(price: PriceInput): Promise<void> {
    // A follower's failure (a shadow broker) must never fail the live price path.
    for (const follower of this.#followers) await follower.feedPrice(price).catch(() => undefined);
  }

  async #feedOwn(price: PriceInput): Promise<TradeClose[]> {
    if (this.handle.updatePrice === undefined) return [];
    const closes = this.handle.updatePrice(price);
    const quote = await this.broker.getPrice(price.symbol);
    if (quote.ok) {
      this.mids.set(price.symbol, (quote.value.bid + quote.value.ask) / 2);
      await this.engine.onPrice(quote.value);
    }
    return closes;
  }

  /**
   * One plugin's services: trading scoped to it (orders fenced once its call timed out, its risk budget applied),
   * plus the shared trend store, clock and its logger.
   */
  servicesFor(plugin: string, logger: Logger, clock: Clock, riskBudget?: PluginRiskBudget): PluginServices {
    const trading = this.engine.servicesFor(plugin, riskBudget === undefined ? {} : { riskBudget });
    return {
      ...trading,
      orderExecution: guardOrders(trading.orderExecution),
      trends: trendService(this.trends),
      clock,
      logger,
    };
  }

  /** Closes the engine, then the broker. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.engine.close();
    await this.broker.close();
  }
}
