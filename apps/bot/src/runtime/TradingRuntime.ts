import { join } from 'node:path';
import type { TradeClose } from '@zepix/broker-api';
import { PaperBroker } from '@zepix/paper-broker';
import type { Clock, PluginServices } from '@zepix/plugin-core';
import { SymbolBook } from '@zepix/symbols';
import { TradingEngine } from '@zepix/trading';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import type { TrendStore } from '../trends/TrendStore.js';
import { trendService } from '../trends/trendService.js';

/** A price for the paper broker: a mid (the spread is applied around it) or bid and ask. */
export interface PriceInput {
  readonly symbol: string;
  readonly mid?: number;
  readonly bid?: number;
  readonly ask?: number;
}

/**
 * The broker, the symbol book and the trading engine, opened together over one data folder. Prices enter only
 * through `feedPrice`, so the broker fills at the price the engine then sees.
 */
export class TradingRuntime {
  private constructor(
    readonly broker: PaperBroker,
    readonly engine: TradingEngine,
    readonly symbols: SymbolBook,
    private readonly trends: TrendStore,
    /** Latest mid per symbol: the symbol book converts JPY and CAD pip values with it. */
    private readonly mids: Map<string, number>,
  ) {}

  /** Opens `zepix_paper.db` and `zepix_trading.db` in `dataDir` and reconciles unconfirmed orders. */
  static async open(options: {
    readonly dataDir: string;
    readonly config: BotConfig;
    readonly trends: TrendStore;
    readonly logger: Logger;
    /** Clock of the broker and the engine; replay sets it to the recorded time. */
    readonly now?: () => Date;
    /** Wraps the broker the engine talks to (metrics time its requests). */
    readonly measureBroker?: (broker: PaperBroker) => PaperBroker;
  }): Promise<TradingRuntime> {
    const mids = new Map<string, number>();
    const symbols = new SymbolBook({ overrides: options.config.symbols, rates: (pair) => mids.get(pair) });
    const { broker: brokerConfig } = options.config;
    const broker = PaperBroker.open({
      path: join(options.dataDir, 'zepix_paper.db'),
      symbols,
      startingBalance: brokerConfig.starting_balance,
      spreadPips: brokerConfig.spread_pips,
      ...(options.now ? { now: options.now } : {}),
      onListenerError: (error) => options.logger.error({ err: error }, 'broker event listener failed'),
    });
    const engine = await TradingEngine.open({
      path: join(options.dataDir, 'zepix_trading.db'),
      broker: options.measureBroker?.(broker) ?? broker,
      symbols,
      config: options.config.trading,
      logger: options.logger.child({ component: 'trading' }),
      trends: { checkAlignment: (o) => Promise.resolve(options.trends.checkAlignment(o)) },
      ...(options.now ? { now: options.now } : {}),
    });
    return new TradingRuntime(broker, engine, symbols, options.trends, mids);
  }

  /** Runtimes that see every price this one sees (a shadow plugin's paper broker). */
  readonly #followers: TradingRuntime[] = [];

  /** Feeds every later price to `other` as well, after this runtime has handled it. */
  followPrices(other: TradingRuntime): void {
    this.#followers.push(other);
  }

  /** Moves the market: the broker fills SL/TP it crosses, then chains and re-entry monitors see the tick. */
  async feedPrice(price: PriceInput): Promise<TradeClose[]> {
    const closes = await this.#feedOwn(price);
    // A follower's failure (a shadow broker) must never fail the live price path.
    for (const follower of this.#followers) await follower.feedPrice(price).catch(() => undefined);
    return closes;
  }

  async #feedOwn(price: PriceInput): Promise<TradeClose[]> {
    const closes = this.broker.updatePrice(price);
    const quote = await this.broker.getPrice(price.symbol);
    if (quote.status === 'ok') {
      this.mids.set(price.symbol, (quote.value.bid + quote.value.ask) / 2);
      await this.engine.onPrice(quote.value);
    }
    return closes;
  }

  /** One plugin's services: trading scoped to it, plus the shared trend store, clock and its logger. */
  servicesFor(plugin: string, logger: Logger, clock: Clock): PluginServices {
    return {
      ...this.engine.servicesFor(plugin),
      trends: trendService(this.trends),
      clock,
      logger,
    };
  }

  /** Closes the engine, then the broker. */
  async close(): Promise<void> {
    await this.engine.close();
    await this.broker.close();
  }
}
