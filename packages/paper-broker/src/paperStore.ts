import type { Statement, Transaction } from 'better-sqlite3';
import type { CloseReason, PriceTick, Side } from '@zepix/broker-api';
import { profitRowsSql } from '@zepix/symbols';
import type { ProfitRowsParams } from '@zepix/symbols';
import type { Connection } from './paperSchema.js';
import type { PriceRow, TradeRow } from './tradeRows.js';

/** A trade to insert. */
export interface NewTrade {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly direction: Side;
  readonly lots: number;
  readonly openPrice: number;
  readonly stopLoss: number | null;
  readonly takeProfit: number | null;
  readonly openedAt: string;
}

/** One close (full or partial) to record. */
export interface CloseEntry {
  readonly tradeRowId: number;
  readonly lots: number;
  readonly remainingLots: number;
  readonly closePrice: number;
  readonly realizedPnl: number;
  readonly reason: CloseReason;
  readonly closedAt: string;
}

/** Every read and write of the paper broker's file, as prepared statements. Money is rounded to cents here. */
export class PaperStore {
  readonly #insertTrade: Statement<[NewTrade], TradeRow>;
  readonly #tradeById: Statement<[number], TradeRow>;
  readonly #tradeByClientOrderId: Statement<[string], TradeRow>;
  readonly #openTrades: Statement<[], TradeRow>;
  readonly #crossedBy: Statement<[{ symbol: string; bid: number; ask: number }], TradeRow>;
  readonly #openCounts: Statement<[], { symbol: string; count: number }>;
  readonly #openProfit: Statement<[ProfitRowsParams & { symbol: string }], { pnl: number }>;
  readonly #setStops: Statement<[number | null, number | null, number]>;
  readonly #insertClose: Statement<[CloseEntry]>;
  readonly #reduceTrade: Statement<[number, number, number]>;
  readonly #finishTrade: Statement<[string, number]>;
  readonly #addToBalance: Statement<[number]>;
  readonly #balance: Statement<[], { balance: number; currency: string }>;
  readonly #upsertPrice: Statement<[PriceTick]>;
  readonly #priceOf: Statement<[string], PriceRow>;
  /** One transaction wrapper for every `transaction` call: better-sqlite3 builds four functions per wrapper. */
  readonly #transaction: Transaction<(work: () => unknown) => unknown>;

  constructor(db: Connection) {
    this.#transaction = db.transaction((work: () => unknown) => work());
    this.#insertTrade = db.prepare(`
      INSERT INTO trades (client_order_id, symbol, direction, initial_lots, lots, open_price, stop_loss, take_profit, opened_at, status)
      VALUES (@clientOrderId, @symbol, @direction, @lots, @lots, @openPrice, @stopLoss, @takeProfit, @openedAt, 'open')
      RETURNING *`);
    this.#tradeById = db.prepare('SELECT * FROM trades WHERE id = ?');
    this.#tradeByClientOrderId = db.prepare('SELECT * FROM trades WHERE client_order_id = ?');
    this.#openTrades = db.prepare("SELECT * FROM trades WHERE status = 'open' ORDER BY id");
    // The comparisons of priceRules.crossedLevel (a buy watched on the bid, a sell on the ask), so a tick
    // materialises only the trades it closes rather than every open trade of its symbol.
    this.#crossedBy = db.prepare(`
      SELECT * FROM trades WHERE status = 'open' AND symbol = @symbol AND (
        (direction = 'buy' AND (stop_loss >= @bid OR take_profit <= @bid)) OR
        (direction = 'sell' AND (stop_loss <= @ask OR take_profit >= @ask)))
      ORDER BY id`);
    this.#openCounts = db.prepare(
      "SELECT symbol, COUNT(*) AS count FROM trades WHERE status = 'open' GROUP BY symbol ORDER BY symbol",
    );
    // Each trade valued and rounded to cents as SymbolBook.profit does, summed inside SQLite.
    const rows = profitRowsSql({
      from: "trades WHERE status = 'open' AND symbol = @symbol",
      direction: 'direction',
      entry: 'open_price',
      lots: 'lots',
    });
    this.#openProfit = db.prepare(`SELECT COALESCE(SUM(pnl), 0) AS pnl FROM (${rows})`);
    this.#setStops = db.prepare('UPDATE trades SET stop_loss = ?, take_profit = ? WHERE id = ?');
    this.#insertClose = db.prepare(`
      INSERT INTO closes (trade_id, lots, close_price, realized_pnl, reason, closed_at)
      VALUES (@tradeRowId, @lots, @closePrice, @realizedPnl, @reason, @closedAt)`);
    this.#reduceTrade = db.prepare(
      'UPDATE trades SET lots = ?, realized_pnl = ROUND(realized_pnl + ?, 2) WHERE id = ?',
    );
    this.#finishTrade = db.prepare(`
      UPDATE trades SET status = 'closed', closed_at = ?,
        close_price = (SELECT ROUND(SUM(lots * close_price) / SUM(lots), 10) FROM closes WHERE trade_id = trades.id)
      WHERE id = ?`);
    this.#addToBalance = db.prepare('UPDATE account SET balance = ROUND(balance + ?, 2) WHERE id = 1');
    this.#balance = db.prepare('SELECT balance, currency FROM account WHERE id = 1');
    this.#upsertPrice = db.prepare(`
      INSERT INTO prices (symbol, bid, ask, time) VALUES (@symbol, @bid, @ask, @time)
      ON CONFLICT (symbol) DO UPDATE SET bid = excluded.bid, ask = excluded.ask, time = excluded.time`);
    this.#priceOf = db.prepare('SELECT * FROM prices WHERE symbol = ?');
  }

  /** Runs `work` in one immediate transaction: all of its writes commit together or not at all. */
  transaction<T>(work: () => T): T {
    return this.#transaction.immediate(work) as T;
  }

  /** Inserts an open trade and returns its row. */
  insertTrade(trade: NewTrade): TradeRow {
    const row = this.#insertTrade.get(trade);
    if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
    return row;
  }

  /** The trade with this row id, open or closed. */
  tradeById(id: number): TradeRow | undefined {
    return this.#tradeById.get(id);
  }

  /** The trade opened with this client order id, open or closed. */
  tradeByClientOrderId(clientOrderId: string): TradeRow | undefined {
    return this.#tradeByClientOrderId.get(clientOrderId);
  }

  /** Open trades, oldest first. */
  openTrades(): TradeRow[] {
    return this.#openTrades.all();
  }

  /** Open trades of the tick's symbol whose SL or TP it reaches, oldest first. */
  crossedBy(tick: PriceTick): TradeRow[] {
    return this.#crossedBy.all({ symbol: tick.symbol, bid: tick.bid, ask: tick.ask });
  }

  /** How many trades are open per symbol, without reading them. */
  openCounts(): { symbol: string; count: number }[] {
    return this.#openCounts.all();
  }

  /** The summed unrealized P&L of the open trades of `symbol`, valued in SQL so no row is materialised. */
  openProfit(symbol: string, params: ProfitRowsParams): number {
    return this.#openProfit.get({ symbol, ...params })?.pnl ?? 0;
  }

  /** Replaces a trade's stop loss and take profit. */
  setStops(id: number, stopLoss: number | null, takeProfit: number | null): void {
    this.#setStops.run(stopLoss, takeProfit, id);
  }

  /** Records a close, books its P&L on the trade and the balance, and marks the trade closed when nothing is left. */
  recordClose(entry: CloseEntry): void {
    this.#insertClose.run(entry);
    this.#reduceTrade.run(entry.remainingLots, entry.realizedPnl, entry.tradeRowId);
    if (entry.remainingLots === 0) this.#finishTrade.run(entry.closedAt, entry.tradeRowId);
    this.#addToBalance.run(entry.realizedPnl);
  }

  /** The account balance and its currency. */
  account(): { balance: number; currency: string } {
    const row = this.#balance.get();
    if (row === undefined) throw new Error('the paper account row is missing; the file was not created by this broker');
    return row;
  }

  /** Stores the latest price of a symbol. */
  savePrice(tick: PriceTick): void {
    this.#upsertPrice.run(tick);
  }

  /** The latest stored price of a symbol. */
  priceOf(symbol: string): PriceRow | undefined {
    return this.#priceOf.get(symbol);
  }
}
