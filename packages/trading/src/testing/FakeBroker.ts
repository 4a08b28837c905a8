import type {
  AccountSummary,
  BrokerAdapter,
  BrokerEvent,
  BrokerResult,
  BrokerTrade,
  ClosedTrade,
  CloseReason,
  MarketOrderRequest,
  PriceTick,
  TradeClose,
} from '@zepix/broker-api';
import { SymbolBook } from '@zepix/symbols';
import { FaultQueue, failAfter, failBefore } from './faults.js';
import type { FakeFault, FakeOperation } from './faults.js';

/** Options for the fake. */
export interface FakeBrokerOptions {
  readonly symbols?: SymbolBook;
  /** Starting balance in USD (default 10 000). */
  readonly balance?: number;
  readonly now?: () => Date;
}

interface FakeTrade {
  tradeId: string;
  clientOrderId: string;
  symbol: string;
  direction: 'buy' | 'sell';
  lots: number;
  openPrice: number;
  stopLoss?: number;
  takeProfit?: number;
  openedAt: string;
  closed?: { closePrice: number; closedAt: string; realizedPnl: number };
  realized: number;
}

/**
 * An in-memory BrokerAdapter for tests: fills at the current price (buys at the ask, sells at the bid), fires
 * SL/TP when `setPrice` crosses them, emits 'trade_closed' for every close and 'price' for every tick, and
 * takes injected faults per operation.
 */
export class FakeBroker implements BrokerAdapter {
  readonly name = 'fake';
  /** Every placeMarketOrder request received, faults included. */
  readonly placeRequests: MarketOrderRequest[] = [];
  readonly #symbols: SymbolBook;
  readonly #now: () => Date;
  readonly #prices = new Map<string, PriceTick>();
  readonly #trades = new Map<string, FakeTrade>();
  readonly #faults = new FaultQueue();
  readonly #listeners = new Set<(event: BrokerEvent) => void>();
  #baseBalance: number;
  #next = 1;

  constructor(options: FakeBrokerOptions = {}) {
    this.#symbols = options.symbols ?? new SymbolBook();
    this.#now = options.now ?? (() => new Date());
    this.#baseBalance = options.balance ?? 10_000;
  }

  /** Sets a price (ask defaults to bid), fires crossed SL/TP, emits events; returns the tick for `engine.onPrice`. */
  setPrice(options: { readonly symbol: string; readonly bid: number; readonly ask?: number }): PriceTick {
    const tick: PriceTick = {
      symbol: options.symbol,
      bid: options.bid,
      ask: options.ask ?? options.bid,
      time: this.#now().toISOString(),
    };
    this.#prices.set(tick.symbol, tick);
    for (const trade of this.#open(tick.symbol)) {
      const reason = this.#crossed(trade, tick);
      if (reason !== undefined) this.#closeTrade(trade, trade.lots, reason);
    }
    this.#emit({ type: 'price', tick });
    return tick;
  }

  /** Makes the next `times` calls of `operation` fail this way (default once). */
  injectFault(
    operation: FakeOperation,
    fault: FakeFault,
    options: { readonly times?: number; readonly code?: string; readonly reason?: string } = {},
  ): void {
    this.#faults.inject(operation, fault, options);
  }

  /** Sets the account balance (realized P&L is added on top from now on). */
  setBalance(balance: number): void {
    this.#baseBalance = balance - this.#realizedTotal();
  }

  /** Every trade, open and closed, in opening order. */
  allTrades(): (BrokerTrade | ClosedTrade)[] {
    return [...this.#trades.values()].map((t) => this.#view(t));
  }

  placeMarketOrder(request: MarketOrderRequest): Promise<BrokerResult<BrokerTrade>> {
    this.placeRequests.push(request);
    const fault = this.#faults.take('placeMarketOrder');
    const early = failBefore(fault);
    if (early !== undefined) return done(early);
    const price = this.#prices.get(request.symbol);
    if (price === undefined)
      return done({ status: 'rejected', code: 'NO_PRICE', reason: `no price for ${request.symbol}` });
    if ([...this.#trades.values()].some((t) => t.clientOrderId === request.clientOrderId)) {
      return done({
        status: 'rejected',
        code: 'DUPLICATE_CLIENT_ORDER_ID',
        reason: `client order id ${request.clientOrderId} was used before`,
      });
    }
    const trade: FakeTrade = {
      tradeId: `T${this.#next++}`,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      direction: request.direction,
      lots: request.lots,
      openPrice: request.direction === 'buy' ? price.ask : price.bid,
      ...(request.stopLoss === undefined ? {} : { stopLoss: request.stopLoss }),
      ...(request.takeProfit === undefined ? {} : { takeProfit: request.takeProfit }),
      openedAt: this.#now().toISOString(),
      realized: 0,
    };
    this.#trades.set(trade.tradeId, trade);
    return done(failAfter(fault) ?? { status: 'ok', value: this.#openView(trade) });
  }

  closeTrade(request: { readonly tradeId: string; readonly lots?: number }): Promise<BrokerResult<TradeClose>> {
    const fault = this.#faults.take('closeTrade');
    const early = failBefore(fault);
    if (early !== undefined) return done(early);
    const trade = this.#trades.get(request.tradeId);
    if (trade === undefined || trade.closed)
      return done({ status: 'rejected', code: 'TRADE_NOT_OPEN', reason: `trade ${request.tradeId} is not open` });
    const close = this.#closeTrade(trade, Math.min(request.lots ?? trade.lots, trade.lots), 'manual');
    return done(failAfter(fault) ?? { status: 'ok', value: close });
  }

  modifyTrade(request: {
    readonly tradeId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<BrokerResult<BrokerTrade>> {
    const fault = this.#faults.take('modifyTrade');
    const early = failBefore(fault);
    if (early !== undefined) return done(early);
    const trade = this.#trades.get(request.tradeId);
    if (trade === undefined || trade.closed)
      return done({ status: 'rejected', code: 'TRADE_NOT_OPEN', reason: `trade ${request.tradeId} is not open` });
    if (request.stopLoss !== undefined) trade.stopLoss = request.stopLoss;
    if (request.takeProfit !== undefined) trade.takeProfit = request.takeProfit;
    return done(failAfter(fault) ?? { status: 'ok', value: this.#openView(trade) });
  }

  openTrades(): Promise<BrokerResult<readonly BrokerTrade[]>> {
    return done({
      status: 'ok',
      value: [...this.#trades.values()].filter((t) => !t.closed).map((t) => this.#openView(t)),
    });
  }

  findByClientOrderId(clientOrderId: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>> {
    const early = failBefore(this.#faults.take('findByClientOrderId'), true);
    if (early !== undefined) return done(early);
    const trade = [...this.#trades.values()].find((t) => t.clientOrderId === clientOrderId);
    return done({ status: 'ok', value: trade === undefined ? undefined : this.#view(trade) });
  }

  accountSummary(): Promise<BrokerResult<AccountSummary>> {
    const early = failBefore(this.#faults.take('accountSummary'), true);
    if (early !== undefined) return done(early);
    const open = [...this.#trades.values()].filter((t) => !t.closed);
    const unrealizedPnl = open.reduce((sum, t) => sum + this.#unrealized(t), 0);
    const balance = this.#baseBalance + this.#realizedTotal();
    return done({
      status: 'ok',
      value: { currency: 'USD', balance, equity: balance + unrealizedPnl, unrealizedPnl, openTrades: open.length },
    });
  }

  getPrice(symbol: string): Promise<BrokerResult<PriceTick>> {
    const early = failBefore(this.#faults.take('getPrice'), true);
    if (early !== undefined) return done(early);
    const tick = this.#prices.get(symbol);
    return done(
      tick === undefined
        ? { status: 'rejected', code: 'NO_PRICE', reason: `no price for ${symbol}` }
        : { status: 'ok', value: tick },
    );
  }

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }

  #open(symbol: string): FakeTrade[] {
    return [...this.#trades.values()].filter((t) => !t.closed && t.symbol === symbol);
  }

  #crossed(trade: FakeTrade, tick: PriceTick): CloseReason | undefined {
    const price = trade.direction === 'buy' ? tick.bid : tick.ask;
    const sign = trade.direction === 'buy' ? 1 : -1;
    if (trade.stopLoss !== undefined && (price - trade.stopLoss) * sign <= 0) return 'sl';
    if (trade.takeProfit !== undefined && (price - trade.takeProfit) * sign >= 0) return 'tp';
    return undefined;
  }

  #closeTrade(trade: FakeTrade, lots: number, reason: CloseReason): TradeClose {
    const tick = this.#prices.get(trade.symbol);
    const closePrice = tick === undefined ? trade.openPrice : trade.direction === 'buy' ? tick.bid : tick.ask;
    const realizedPnl = this.#symbols.profit({
      symbol: trade.symbol,
      direction: trade.direction,
      entry: trade.openPrice,
      exit: closePrice,
      lots,
    });
    const remainingLots = Math.round((trade.lots - lots) * 100) / 100;
    const closedAt = this.#now().toISOString();
    trade.realized += realizedPnl;
    if (remainingLots <= 0)
      trade.closed = { closePrice, closedAt, realizedPnl: Math.round(trade.realized * 100) / 100 };
    else trade.lots = remainingLots;
    const close: TradeClose = {
      tradeId: trade.tradeId,
      clientOrderId: trade.clientOrderId,
      symbol: trade.symbol,
      direction: trade.direction,
      closedLots: lots,
      remainingLots: Math.max(0, remainingLots),
      openPrice: trade.openPrice,
      closePrice,
      realizedPnl,
      reason,
      closedAt,
    };
    this.#emit({ type: 'trade_closed', close });
    return close;
  }

  #unrealized(trade: FakeTrade): number {
    const tick = this.#prices.get(trade.symbol);
    if (tick === undefined) return 0;
    return this.#symbols.profit({
      symbol: trade.symbol,
      direction: trade.direction,
      entry: trade.openPrice,
      exit: trade.direction === 'buy' ? tick.bid : tick.ask,
      lots: trade.lots,
    });
  }

  #realizedTotal(): number {
    return [...this.#trades.values()].reduce((sum, t) => sum + t.realized, 0);
  }

  #openView(trade: FakeTrade): BrokerTrade {
    const { closed: _closed, realized: _realized, ...rest } = trade;
    return { ...rest, unrealizedPnl: this.#unrealized(trade) };
  }

  #view(trade: FakeTrade): BrokerTrade | ClosedTrade {
    if (trade.closed === undefined) return this.#openView(trade);
    const { closed, realized: _realized, ...rest } = trade;
    return { ...rest, closed: true, ...closed };
  }

  #emit(event: BrokerEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

function done<T>(value: T): Promise<T> {
  return Promise.resolve(value);
}
