import type { BrokerAdapter } from '@zepix/broker-api';
import type { SymbolBook } from '@zepix/symbols';
import type { Logger } from 'pino';
import { ChainStore } from './ChainStore.js';
import { CloseTotals } from './CloseTotals.js';
import type { TradingConfig } from './config.js';
import { EngineState } from './EngineState.js';
import { MonitorStore } from './MonitorStore.js';
import { Outbox } from './Outbox.js';
import type { CloseMeta } from './PositionStore.js';
import { PositionStore } from './PositionStore.js';
import { Quotes } from './Quotes.js';
import { immediateTransaction, relaxedTransaction } from './schema.js';
import type { Connection } from './schema.js';
import type { TradingEngineOptions, TrendChecker } from './types.js';

/** What a close request made by the engine says about itself, for the broker event that reports it. */
export interface ExpectedClose extends CloseMeta {
  /** A plugin exit through closePositions (arms exit continuation). */
  readonly pluginExit: boolean;
}

/** Everything the engine's parts share: the database and its stores, the broker, prices, config and clock. */
export interface EngineContext {
  readonly db: Connection;
  readonly broker: BrokerAdapter;
  readonly symbols: SymbolBook;
  readonly config: TradingConfig;
  readonly logger: Logger;
  readonly trends: TrendChecker;
  readonly now: () => Date;
  readonly quotes: Quotes;
  readonly outbox: Outbox;
  readonly state: EngineState;
  readonly positions: PositionStore;
  readonly chains: ChainStore;
  readonly monitors: MonitorStore;
  /** Realized P&L sums since a time, kept up to date as closes are recorded (the day's, the lifetime's). */
  readonly closeTotals: CloseTotals;
  /** Close requests in flight, by broker trade id, so the broker's close event is recorded with their meaning. */
  readonly expectedCloses: Map<string, ExpectedClose>;
  /**
   * Client order ids whose broker call (or settlement with the broker) is under way right now: a 'submitting' row
   * listed here is not stranded, and no reconciliation may settle it behind that call's back.
   */
  readonly inFlight: Set<string>;
  /** Runs `fn` in one immediate transaction: the state change and its outbox rows commit together. */
  tx<T>(fn: () => T): T;
  /**
   * As `tx`, but the commit does not wait for its own fsync: for a record of what the broker did, which the
   * start-up reconciliation rebuilds from the broker by client order id if a power cut loses it (the intent
   * before the broker call stays fsynced, so an order is never sent unrecorded). WAL commits land in order, so
   * the next fsync makes it durable too; a killed process loses nothing either way.
   */
  txReconcilable<T>(fn: () => T): T;
}

/** Builds the shared context over an open database. */
export function createContext(db: Connection, options: TradingEngineOptions): EngineContext {
  const now = options.now ?? (() => new Date());
  const closeTotals = new CloseTotals(db);
  const immediate = immediateTransaction(db);
  const relaxed = relaxedTransaction(db);
  return {
    db,
    broker: options.broker,
    symbols: options.symbols,
    config: options.config,
    logger: options.logger,
    trends: options.trends,
    now,
    quotes: new Quotes(options.broker, options.symbols),
    outbox: new Outbox(db, now),
    state: new EngineState(db, now),
    positions: new PositionStore(db),
    chains: new ChainStore(db, now),
    monitors: new MonitorStore(db, now),
    closeTotals,
    expectedCloses: new Map(),
    inFlight: new Set(),
    tx: <T>(fn: () => T): T => closeTotals.within(() => immediate(fn)),
    txReconcilable: <T>(fn: () => T): T => closeTotals.within(() => relaxed(fn)),
  };
}
