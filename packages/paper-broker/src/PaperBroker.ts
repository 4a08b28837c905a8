import type {
  AccountSummary,
  BrokerAdapter,
  BrokerEvent,
  BrokerResult,
  BrokerTrade,
  ClosedTrade,
  MarketOrderRequest,
  PriceTick,
  TradeClose,
} from '@zepix/broker-api';
import type { SymbolBook } from '@zepix/symbols';
import { FaultPlan, READ_ONLY_METHODS, faultReason } from './faults.js';
import type { FaultMethod, FaultSpec } from './faults.js';
import { PaperLedger } from './PaperLedger.js';
import { migratePaperDb, openPaperDb } from './paperSchema.js';
import type { Connection } from './paperSchema.js';
import { PaperStore } from './paperStore.js';
import { buildTick, resolveSpreads } from './priceRules.js';
import type { PriceUpdate, SpreadPips } from './priceRules.js';
import { PaperBrokerError, PaperCode, ok, rejected, unknown } from './results.js';

/** How to open a paper broker. */
export interface PaperBrokerOptions {
  /** SQLite file (created with its folder when missing), or ':memory:'. */
  readonly path: string;
  /** The symbol table; every pip and profit figure comes from it. */
  readonly symbols: SymbolBook;
  /** USD balance of a new account (default 10,000); ignored when the file already holds an account. */
  readonly startingBalance?: number;
  /** Spread in pips, merged over the defaults `{ default: 1, XAUUSD: 20 }`. */
  readonly spreadPips?: SpreadPips;
  /** The clock for fills, manual closes and prices sent without a time. */
  readonly now?: () => Date;
  /** Told about a listener that threw; the broker itself carries on either way. */
  readonly onListenerError?: (error: unknown, event: BrokerEvent) => void;
}

type Listener = (event: BrokerEvent) => void;

const DEFAULT_STARTING_BALANCE = 10_000;

/** The embedded broker: fills at the latest price plus a spread, fires SL/TP on price updates, persists everything. */
export class PaperBroker implements BrokerAdapter {
  readonly name = 'paper';
  readonly inProcess = true;
  /** The SQLite file this broker keeps its account in. */
  readonly path: string;
  readonly #db: Connection;
  readonly #ledger: PaperLedger;
  readonly #options: PaperBrokerOptions;
  readonly #spreads: SpreadPips;
  readonly #now: () => Date;
  readonly #faults = new FaultPlan();
  readonly #listeners = new Set<Listener>();
  #closed = false;

  private constructor(options: PaperBrokerOptions, db: Connection, spreads: SpreadPips) {
    this.path = options.path;
    this.#db = db;
    this.#options = options;
    this.#spreads = spreads;
    this.#now = options.now ?? (() => new Date());
    this.#ledger = new PaperLedger(new PaperStore(db), options.symbols);
  }

  /** Opens (creating if needed) the account file; its open trades, balance and prices are as they were left. */
  static open(options: PaperBrokerOptions): PaperBroker {
    const startingBalance = options.startingBalance ?? DEFAULT_STARTING_BALANCE;
    if (!Number.isFinite(startingBalance) || startingBalance < 0) {
      throw new RangeError(`startingBalance must be a number ≥ 0, got ${String(options.startingBalance)}`);
    }
    const spreads = resolveSpreads(options.spreadPips);
    const db = openPaperDb(options.path);
    try {
      migratePaperDb(db, startingBalance);
      return new PaperBroker(options, db, spreads);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Feeds a price (`mid` with the spread around it, or explicit `bid`/`ask`), closes every open trade whose SL or
   * TP it crosses, persists both, then emits the price and each close. Returns the closes it made. Throws
   * UnknownSymbolError or PaperBrokerError (ZEPIX_PAPER_INVALID_PRICE, ZEPIX_PAPER_CLOSED).
   */
  updatePrice(update: PriceUpdate): TradeClose[] {
    if (this.#closed) throw new PaperBrokerError(PaperCode.brokerClosed, 'the paper broker is closed');
    const tick = buildTick(update, this.#options.symbols, this.#spreads, update.time ?? this.#stamp());
    const closes = this.#ledger.applyTick(tick);
    this.#emit({ type: 'price', tick });
    for (const close of closes) this.#emit({ type: 'trade_closed', close });
    return closes;
  }

  /**
   * Makes the next `count` (default 1) calls of `method` answer as `outcome` (with `code` and `reason` for a
   * refusal), for reconciliation and failure tests.
   */
  injectFault(fault: FaultSpec): void {
    this.#faults.inject(fault);
  }

  /** Fills at the latest ask (buy) or bid (sell); a client order id already used is rejected, never filled twice. */
  placeMarketOrder(request: MarketOrderRequest): Promise<BrokerResult<BrokerTrade>> {
    return this.#faulted('placeMarketOrder', () => this.#ledger.open(request, this.#stamp()));
  }

  /** Closes `lots` of a trade (all when omitted) at the latest bid (buy) or ask (sell); emits trade_closed. */
  closeTrade(request: { readonly tradeId: string; readonly lots?: number }): Promise<BrokerResult<TradeClose>> {
    return this.#faulted('closeTrade', () => {
      const result = this.#ledger.close(request.tradeId, request.lots, this.#stamp());
      if (result.ok) this.#emit({ type: 'trade_closed', close: result.value });
      return result;
    });
  }

  /** Replaces SL and/or TP; each must sit on the right side of the current bid (buy) or ask (sell). */
  modifyTrade(request: {
    readonly tradeId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<BrokerResult<BrokerTrade>> {
    return this.#faulted('modifyTrade', () => this.#ledger.modify(request));
  }

  /** Open trades, oldest first, with unrealized P&L at the latest prices. */
  openTrades(): Promise<BrokerResult<readonly BrokerTrade[]>> {
    return this.#faulted('openTrades', () => ok(this.#ledger.openTrades()));
  }

  /** The trade opened with this client order id, open or closed, or undefined when it was never placed. */
  findByClientOrderId(clientOrderId: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>> {
    return this.#faulted('findByClientOrderId', () => ok(this.#ledger.find(clientOrderId)));
  }

  /** Balance, equity and unrealized P&L in USD. */
  accountSummary(): Promise<BrokerResult<AccountSummary>> {
    return this.#faulted('accountSummary', () => ok(this.#ledger.summary()));
  }

  /** The latest price of a symbol; rejected ZEPIX_PAPER_NO_PRICE before the first one arrives. */
  getPrice(symbol: string): Promise<BrokerResult<PriceTick>> {
    return this.#faulted('getPrice', () => this.#ledger.price(symbol));
  }

  /** Subscribes to every close (SL, TP and requested, with its reason) and every price; returns the unsubscribe. */
  onEvent(listener: (event: BrokerEvent) => void): () => void {
    // Wrapped so the same function can subscribe twice and each unsubscribe removes only its own subscription.
    const subscription: Listener = (event) => listener(event);
    this.#listeners.add(subscription);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  /** Closes the file; calling it again does nothing. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#listeners.clear();
      this.#db.close();
    }
    return Promise.resolve();
  }

  #stamp(): string {
    return this.#now().toISOString();
  }

  /** Runs a call synchronously; a store failure answers `unknown`, since a failed commit may still have landed. */
  #answer<T>(work: () => BrokerResult<T>): Promise<BrokerResult<T>> {
    if (this.#closed) {
      return Promise.resolve(rejected(PaperCode.brokerClosed, 'the paper broker is closed; open it again to use it'));
    }
    try {
      return Promise.resolve(work());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return Promise.resolve(unknown(`the paper broker failed mid-call (${message}); reconcile before retrying`));
    }
  }

  #faulted<T>(method: FaultMethod, work: () => BrokerResult<T>): Promise<BrokerResult<T>> {
    return this.#answer(() => {
      const fault = this.#faults.take(method);
      if (fault?.outcome === 'rejected') {
        const reason = fault.reason ?? `injected fault: ${method} refused; nothing was done`;
        return rejected(fault.code ?? PaperCode.injected, reason);
      }
      if (fault === undefined) return work();
      const lost = fault.reason ?? faultReason(method, fault.outcome);
      if (fault.outcome === 'unknown-before' || READ_ONLY_METHODS.has(method)) return unknown(lost);
      work();
      return unknown(lost);
    });
  }

  #emit(event: BrokerEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#reportListenerError(error, event);
      }
    }
  }

  #reportListenerError(error: unknown, event: BrokerEvent): void {
    try {
      this.#options.onListenerError?.(error, event);
    } catch {
      // The error reporter failing too must still not reach the price feed or the order path.
    }
  }
}
