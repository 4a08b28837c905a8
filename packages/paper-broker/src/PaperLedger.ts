import type {
  AccountSummary,
  BrokerResult,
  BrokerTrade,
  ClosedTrade,
  CloseReason,
  MarketOrderRequest,
  PriceTick,
  TradeClose,
} from '@zepix/broker-api';
import { UnknownSymbolError } from '@zepix/symbols';
import type { SymbolBook } from '@zepix/symbols';
import type { PaperStore } from './paperStore.js';
import { crossedLevel, entryPrice, exitPrice, stopsProblem } from './priceRules.js';
import { PaperCode, isRejected, ok, rejected } from './results.js';
import type { Rejected } from './results.js';
import { rowIdOf, toBrokerTrade, toClosedTrade, toTick, tradeIdOf } from './tradeRows.js';
import type { TradeRow } from './tradeRows.js';

const roundCents = (value: number) => Math.round(value * 100) / 100;
// Lots are kept to 8 places so that repeated partial closes subtract to exactly zero.
const roundLots = (value: number) => Math.round(value * 1e8) / 1e8;
const isPositive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The paper account's rules: fills, closes, modifications, SL/TP on each tick and valuation. Synchronous. */
export class PaperLedger {
  constructor(
    private readonly store: PaperStore,
    private readonly symbols: SymbolBook,
  ) {}

  /** Fills a market order at the latest price, or says why not; a used client order id is never filled again. */
  open(request: MarketOrderRequest, at: string): BrokerResult<BrokerTrade> {
    const problem = this.#orderProblem(request);
    if (problem !== undefined) return problem;
    const tick = this.#tickOrRejection(request.symbol);
    if (isRejected(tick)) return tick;
    const { direction, symbol, stopLoss, takeProfit } = request;
    const fill = entryPrice(tick, direction);
    const stops = stopsProblem({ direction, reference: fill, referenceName: 'fill price', stopLoss, takeProfit });
    if (stops !== undefined)
      return rejected(PaperCode.invalidStops, `order ${request.clientOrderId} refused: ${stops}`);
    const row = this.store.insertTrade({
      clientOrderId: request.clientOrderId,
      symbol,
      direction,
      lots: this.symbols.normalizeLots(symbol, request.lots),
      openPrice: fill,
      stopLoss: stopLoss ?? null,
      takeProfit: takeProfit ?? null,
      openedAt: at,
    });
    return ok(toBrokerTrade(row, this.#unrealized(row, tick)));
  }

  /** Closes `lots` of an open trade (all of it when omitted) at the current exit price. */
  close(tradeId: string, lots: number | undefined, at: string): BrokerResult<TradeClose> {
    const row = this.#openRow(tradeId);
    if (isRejected(row)) return row;
    if (lots !== undefined && !isPositive(lots)) {
      return rejected(PaperCode.invalidRequest, `close of ${tradeId} refused: lots must be a positive number`);
    }
    if (lots !== undefined && roundLots(lots) > row.lots) {
      return rejected(
        PaperCode.closeTooLarge,
        `close of ${tradeId} refused: asked to close ${lots} lots but only ${row.lots} are open`,
      );
    }
    const tick = this.#tickOrRejection(row.symbol);
    if (isRejected(tick)) return tick;
    const closeLots = lots === undefined ? row.lots : Math.min(row.lots, this.symbols.normalizeLots(row.symbol, lots));
    const price = exitPrice(tick, row.direction);
    return ok(this.store.transaction(() => this.#closePart(row, closeLots, price, 'manual', at)));
  }

  /** Replaces the SL and/or TP of an open trade; a level left out keeps its current value. */
  modify(request: { tradeId: string; stopLoss?: number; takeProfit?: number }): BrokerResult<BrokerTrade> {
    const row = this.#openRow(request.tradeId);
    if (isRejected(row)) return row;
    const tick = this.#tickOrRejection(row.symbol);
    if (isRejected(tick)) return tick;
    const stopLoss = request.stopLoss ?? row.stop_loss ?? undefined;
    const takeProfit = request.takeProfit ?? row.take_profit ?? undefined;
    // Checked against the price SL/TP are watched on, so a new level never fires on the very next tick.
    const referenceName = row.direction === 'buy' ? 'current bid' : 'current ask';
    const reference = exitPrice(tick, row.direction);
    const problem = stopsProblem({ direction: row.direction, reference, referenceName, stopLoss, takeProfit });
    if (problem !== undefined) {
      return rejected(PaperCode.invalidStops, `modify of ${request.tradeId} refused: ${problem}`);
    }
    this.store.setStops(row.id, stopLoss ?? null, takeProfit ?? null);
    const updated = { ...row, stop_loss: stopLoss ?? null, take_profit: takeProfit ?? null };
    return ok(toBrokerTrade(updated, this.#unrealized(updated, tick)));
  }

  /** Stores a new price and closes, in the same transaction, every open trade of its symbol whose SL or TP it crosses. */
  applyTick(tick: PriceTick): TradeClose[] {
    return this.store.transaction(() => {
      this.store.savePrice(tick);
      const closes: TradeClose[] = [];
      // crossedBy already narrows to the trades the tick reaches; crossedLevel still decides which level and price.
      for (const row of this.store.crossedBy(tick)) {
        const hit = crossedLevel(
          { direction: row.direction, stopLoss: row.stop_loss, takeProfit: row.take_profit },
          tick,
        );
        if (hit !== undefined) closes.push(this.#closePart(row, row.lots, hit.price, hit.reason, tick.time));
      }
      return closes;
    });
  }

  /** Open trades, oldest first, valued at the latest prices. */
  openTrades(): BrokerTrade[] {
    return this.store.openTrades().map((row) => toBrokerTrade(row, this.#unrealized(row)));
  }

  /** The trade opened with this client order id, open or closed, or undefined. */
  find(clientOrderId: string): BrokerTrade | ClosedTrade | undefined {
    const row = this.store.tradeByClientOrderId(clientOrderId);
    if (row === undefined) return undefined;
    return row.status === 'closed' ? toClosedTrade(row) : toBrokerTrade(row, this.#unrealized(row));
  }

  /** Balance, equity (balance + unrealized at the latest prices) and the open trade count. */
  summary(): AccountSummary {
    const { balance, currency } = this.store.account();
    // Asked for on every order: summed per symbol in SQL rather than over every open trade in JavaScript.
    let openTrades = 0;
    let unrealized = 0;
    for (const { symbol, count } of this.store.openCounts()) {
      openTrades += count;
      unrealized += this.#symbolUnrealized(symbol);
    }
    const unrealizedPnl = roundCents(unrealized);
    return { currency, balance, equity: roundCents(balance + unrealizedPnl), unrealizedPnl, openTrades };
  }

  /** The latest price of a symbol, or a rejection naming what is missing. */
  price(symbol: string): BrokerResult<PriceTick> {
    const tick = this.#tickOrRejection(symbol);
    return isRejected(tick) ? tick : ok(tick);
  }

  #orderProblem(request: MarketOrderRequest): Rejected | undefined {
    const { clientOrderId, symbol, direction, lots } = request;
    const invalid = (why: string) => rejected(PaperCode.invalidRequest, `order refused: ${why}`);
    if (typeof clientOrderId !== 'string' || clientOrderId === '') return invalid('clientOrderId must be non-empty');
    const existing = this.store.tradeByClientOrderId(clientOrderId);
    if (existing !== undefined) {
      return rejected(
        PaperCode.duplicateClientOrderId,
        `client order id "${clientOrderId}" was already used by trade ${tradeIdOf(existing.id)} (${existing.status}); a redelivered order is never filled twice`,
      );
    }
    if (direction !== 'buy' && direction !== 'sell')
      return invalid(`direction must be buy or sell, got ${String(direction)}`);
    if (!isPositive(lots)) return invalid(`lots must be a positive number, got ${String(lots)}`);
    return this.#unknownSymbol(symbol);
  }

  #unknownSymbol(symbol: string): Rejected | undefined {
    if (this.symbols.get(symbol) !== undefined) return undefined;
    const error = new UnknownSymbolError(symbol, this.symbols.symbols());
    return rejected(error.code, error.message);
  }

  #tickOrRejection(symbol: string): PriceTick | Rejected {
    const unknownSymbol = this.#unknownSymbol(symbol);
    if (unknownSymbol !== undefined) return unknownSymbol;
    const row = this.store.priceOf(symbol);
    if (row !== undefined) return toTick(row);
    return rejected(
      PaperCode.noPrice,
      `the paper broker has no price for ${symbol} yet. Fix: send an alert that carries a price for ${symbol}, or POST a price for it to the price feed`,
    );
  }

  #openRow(tradeId: string): TradeRow | Rejected {
    const id = rowIdOf(tradeId);
    const row = id === undefined ? undefined : this.store.tradeById(id);
    if (row === undefined) return rejected(PaperCode.tradeUnknown, `no paper trade ${tradeId}`);
    if (row.status === 'closed') {
      return rejected(PaperCode.tradeClosed, `paper trade ${tradeId} is already closed (${row.closed_at ?? '?'})`);
    }
    return row;
  }

  /** Books one close; the caller holds the transaction. */
  #closePart(row: TradeRow, lots: number, price: number, reason: CloseReason, at: string): TradeClose {
    const remainingLots = roundLots(row.lots - lots);
    const { symbol, direction } = row;
    const realizedPnl = this.symbols.profit({ symbol, direction, entry: row.open_price, exit: price, lots });
    this.store.recordClose({
      tradeRowId: row.id,
      lots,
      remainingLots,
      closePrice: price,
      realizedPnl,
      reason,
      closedAt: at,
    });
    return {
      tradeId: tradeIdOf(row.id),
      clientOrderId: row.client_order_id,
      symbol,
      direction,
      closedLots: lots,
      remainingLots,
      openPrice: row.open_price,
      closePrice: price,
      realizedPnl,
      reason,
      closedAt: at,
    };
  }

  /** What `#unrealized` gives summed over the open trades of `symbol`: 0 without a price, else each at its exit. */
  #symbolUnrealized(symbol: string): number {
    const latest = this.store.priceOf(symbol);
    if (latest === undefined) return 0;
    return this.store.openProfit(symbol, {
      buyExit: exitPrice(latest, 'buy'),
      sellExit: exitPrice(latest, 'sell'),
      ...this.symbols.profitTerms(symbol),
    });
  }

  #unrealized(row: TradeRow, tick?: PriceTick): number {
    const latest = tick ?? this.store.priceOf(row.symbol);
    if (latest === undefined) return 0;
    const exit = exitPrice(latest, row.direction);
    return this.symbols.profit({
      symbol: row.symbol,
      direction: row.direction,
      entry: row.open_price,
      exit,
      lots: row.lots,
    });
  }
}
