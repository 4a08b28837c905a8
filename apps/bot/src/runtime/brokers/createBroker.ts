import type { BrokerAdapter, TradeClose } from '@zepix/broker-api';
import { PaperBroker } from '@zepix/paper-broker';
import type { PriceUpdate } from '@zepix/paper-broker';
import type { SymbolBook } from '@zepix/symbols';
import type { Logger } from 'pino';
import type { BotConfig } from '../../config/configSchema.js';
import { join } from 'node:path';

/** Which broker, account and environment are in use: the banner, `/health` and `zepix broker check` show it. */
export interface BrokerIdentity {
  readonly kind: BotConfig['broker']['kind'];
  readonly account: string;
  readonly environment: string;
}

/** The broker the order path uses, and what only some brokers can do. */
export interface BrokerHandle {
  readonly broker: BrokerAdapter;
  readonly identity: BrokerIdentity;
  /**
   * Moves the embedded market (paper only): alert prices and `POST /api/prices` drive it. A real broker has its own
   * market; its prices arrive as 'price' events instead.
   */
  readonly updatePrice?: (price: PriceUpdate) => TradeClose[];
  /** Symbols the account can trade, when the broker says (a real broker's instruments). */
  readonly symbols?: readonly string[];
}

/** What a broker needs to open. */
export interface BrokerContext {
  readonly config: BotConfig;
  readonly dataDir: string;
  readonly symbols: SymbolBook;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  /** The paper broker's clock (replay moves it with the recorded time). */
  readonly now?: () => Date;
}

/**
 * Opens the configured broker: one case per `broker.kind`. Throws BotError with the reason and the fix when a real
 * broker refuses the credentials (the bot must not start then).
 */
export async function createBroker(context: BrokerContext): Promise<BrokerHandle> {
  const { config } = context;
  // A live broker's adapter (and its HTTP client) is loaded only when configured: paper starts without them.
  switch (config.broker.kind) {
    case 'oanda':
      return (await import('./oanda.js')).connectOanda(context);
    case 'metaapi':
      return (await import('./metaapi.js')).connectMetaApi(context);
    case 'paper': {
      const broker = PaperBroker.open({
        path: join(context.dataDir, 'zepix_paper.db'),
        symbols: context.symbols,
        startingBalance: config.broker.starting_balance,
        spreadPips: config.broker.spread_pips,
        ...(context.now ? { now: context.now } : {}),
        onListenerError: (error) => context.logger.error({ err: error }, 'broker event listener failed'),
      });
      return {
        broker,
        identity: { kind: 'paper', account: 'paper', environment: 'paper' },
        updatePrice: (price) => broker.updatePrice(price),
      };
    }
  }
}
