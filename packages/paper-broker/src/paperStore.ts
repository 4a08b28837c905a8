import type { Statement } from 'better-sqlite3';
import type { CloseReason, PriceTick, Side } from '@zepix/broker-api';
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
  readonly #db: Connection;
  readonly #insertTrade: Statement<[NewTrade], TradeRow>;
  readonly #tradeById: Statement<[number], TradeRow>;
  readonly #tradeByClientOrderId: Statement<[string], TradeRow>;
  readonly #openTrades: Statement<[], TradeRow>;
  readonly #openTradesFor: Statement<[string], TradeRow>;
  readonly #setStops: Statement<[number | null, number | null, number]>;
  readonly #insertClose: Statement<[CloseEntry]>;
  readonly #reduceTrade: Statement<[number, number, number]>;
  readonly #finishTrade: Statement<[string, number]>;
  readonly #addToBalance: Statement<[number]>;
  readonly #balance: Statement<[], { balance: number; currency: string }>;
  readonly #upsertPrice: Statement<[PriceTick]>;
  readonly #priceOf: Statement<[string], PriceRow>;

  constructor(db: Connection) {
    this.#db = db;
    this.#insertTrade = db.prepare(`
      INSERT INTO trades (client_order_id, symbol, direction, initial_lots, lots, open_price, stop_loss, take_profit, opened_at, status)
      VALUES (@clientOrderId, @symbol, @direction, @lots, @lots, @openPrice, @stopLoss, @takeProfit, @openedAt, 'open')
      RETURNING *`);
    this.#tradeById = db.prepare('SELECT * FROM trades WHERE id = ?');
    this.#tradeByClientOrderId = db.prepare('SELECT * FROM trades WHERE client_order_id = ?');
    this.#openTrades = db.prepare("SELECT * FROM trades WHERE status = 'open' ORDER BY id");
    this.#openTradesFor = db.prepare("SELECT * FROM trades WHERE status = 'open' AND symbol = ? ORDER BY id");
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
    return this.#db.transaction(work).immediate();
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

  /** Open trades, oldest first; only those of `symbol` when given. */
  openTrades(symbol?: string): TradeRow[] {
    return symbol === undefined ? this.#openTrades.all() : this.#openTradesFor.all(symbol);
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
