import type { Direction } from '@zepix/plugin-core';
import type { BrokerTrade, TradeClose } from '@zepix/broker-api';
import type { PositionRow } from './rows.js';
import type { Connection } from './schema.js';
import { sql, whereEquals } from './schema.js';
import type { TradeOrigin, TradeState } from './types.js';

/** What the order path records before it calls the broker. */
export interface Intent {
  readonly clientOrderId: string;
  readonly plugin: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly leg: string;
  readonly origin: TradeOrigin;
  readonly lots: number;
  readonly stopLoss: number | null;
  readonly takeProfit: number | null;
  readonly lifecycleJson: string;
  readonly reentryLevel: number;
  readonly chainId: number | null;
  readonly chainLevel: number | null;
  readonly createdAt: string;
}

/** Who closed a position and why, beyond the broker's own reason. */
export interface CloseMeta {
  readonly by: string;
  readonly note: string | null;
}

/** A filter over positions; every field optional. */
export interface PositionFilter {
  readonly plugin?: string;
  readonly symbol?: string;
  readonly direction?: Direction;
  readonly state?: TradeState;
}

const EPSILON = 1e-9;

/** SQL for the `positions` and `closes` tables; no business rules. */
export class PositionStore {
  readonly #db: Connection;

  constructor(db: Connection) {
    this.#db = db;
  }

  /** The row with this id. */
  byId(id: number): PositionRow | undefined {
    return sql(this.#db, 'SELECT * FROM positions WHERE id = ?').get(id) as PositionRow | undefined;
  }

  /** The row with this client order id. */
  byClientOrderId(clientOrderId: string): PositionRow | undefined {
    return sql(this.#db, 'SELECT * FROM positions WHERE client_order_id = ?').get(clientOrderId) as
      PositionRow | undefined;
  }

  /** The row holding this broker trade. */
  byTradeId(tradeId: string): PositionRow | undefined {
    return sql(this.#db, 'SELECT * FROM positions WHERE broker_trade_id = ?').get(tradeId) as PositionRow | undefined;
  }

  /** Rows matching the filter, oldest first. */
  list(filter: PositionFilter = {}): PositionRow[] {
    const { where, params } = whereEquals({
      state: filter.state,
      plugin: filter.plugin,
      symbol: filter.symbol,
      direction: filter.direction,
    });
    return sql(this.#db, `SELECT * FROM positions WHERE ${where} ORDER BY id`).all(params) as PositionRow[];
  }

  /** Open rows matching the filter. */
  open(filter: Omit<PositionFilter, 'state'> = {}): PositionRow[] {
    return this.list({ ...filter, state: 'open' });
  }

  /** The symbols with open positions, without reading the rows. */
  openSymbols(): string[] {
    const text = "SELECT DISTINCT symbol FROM positions WHERE state = 'open'";
    return (sql(this.#db, text).all() as { symbol: string }[]).map((row) => row.symbol);
  }

  /** Open positions of `symbol` that belong to a profit chain, oldest first, without reading the others. */
  openInChains(symbol: string): PositionRow[] {
    const text = "SELECT * FROM positions WHERE state = 'open' AND chain_id IS NOT NULL AND symbol = ? ORDER BY id";
    return sql(this.#db, text).all(symbol) as PositionRow[];
  }

  /** Open positions of a plugin, counted without reading them. */
  countOpen(plugin: string): number {
    const text = "SELECT COUNT(*) AS n FROM positions WHERE state = 'open' AND plugin = ?";
    return (sql(this.#db, text).get(plugin) as { n: number }).n;
  }

  /** Rows whose outcome is not confirmed yet. */
  unresolved(): PositionRow[] {
    return sql(
      this.#db,
      "SELECT * FROM positions WHERE state IN ('submitting', 'unknown') ORDER BY id",
    ).all() as PositionRow[];
  }

  /** Rows of one chain level. */
  chainLevel(chainId: number, level: number): PositionRow[] {
    return sql(this.#db, 'SELECT * FROM positions WHERE chain_id = ? AND chain_level = ? ORDER BY id').all(
      chainId,
      level,
    ) as PositionRow[];
  }

  /** Open or unconfirmed positions of a plugin that count toward its limit (chain orders are bounded by the chain). */
  countLive(plugin: string): number {
    const row = sql(
      this.#db,
      "SELECT COUNT(*) AS n FROM positions WHERE plugin = ? AND origin != 'chain' AND state IN ('submitting', 'unknown', 'open')",
    ).get(plugin) as { n: number };
    return row.n;
  }

  /** Order intents since `sinceIso`, chain orders excluded. */
  countOrdersSince(sinceIso: string): number {
    const row = sql(this.#db, "SELECT COUNT(*) AS n FROM positions WHERE created_at >= ? AND origin != 'chain'").get(
      sinceIso,
    ) as { n: number };
    return row.n;
  }

  /** Records an intent in state 'submitting'; returns its id. */
  insertIntent(intent: Intent): number {
    const result = sql(
      this.#db,
      `INSERT INTO positions (client_order_id, plugin, symbol, direction, leg, origin, state, requested_lots, lots,
           stop_loss, take_profit, lifecycle_json, reentry_level, chain_id, chain_level, created_at)
         VALUES (@clientOrderId, @plugin, @symbol, @direction, @leg, @origin, 'submitting', @lots, @lots,
           @stopLoss, @takeProfit, @lifecycleJson, @reentryLevel, @chainId, @chainLevel, @createdAt)`,
    ).run(intent);
    return Number(result.lastInsertRowid);
  }

  /** Moves a row to 'open' with the broker's fill. */
  markOpen(id: number, trade: BrokerTrade): void {
    sql(
      this.#db,
      `UPDATE positions SET state = 'open', broker_trade_id = ?, entry_price = ?, lots = ?, stop_loss = ?, take_profit = ?,
           opened_at = ?, error_code = NULL, error_reason = NULL WHERE id = ?`,
    ).run(
      trade.tradeId,
      trade.openPrice,
      trade.lots,
      trade.stopLoss ?? null,
      trade.takeProfit ?? null,
      trade.openedAt,
      id,
    );
  }

  /** Moves a row to a final or pending failure state with its code and reason. */
  markState(id: number, state: 'rejected' | 'unknown' | 'failed', code: string, reason: string): void {
    sql(this.#db, 'UPDATE positions SET state = ?, error_code = ?, error_reason = ? WHERE id = ?').run(
      state,
      code,
      reason,
      id,
    );
  }

  /** New protection levels after a modify. */
  setLevels(id: number, stopLoss: number | null, takeProfit: number | null): void {
    sql(this.#db, 'UPDATE positions SET stop_loss = ?, take_profit = ? WHERE id = ?').run(stopLoss, takeProfit, id);
  }

  /** Links a row to a chain level. */
  setChain(id: number, chainId: number, level: number): void {
    sql(this.#db, 'UPDATE positions SET chain_id = ?, chain_level = ? WHERE id = ?').run(chainId, level, id);
  }

  /**
   * Applies one broker close, once: false when this exact close was recorded before (the broker reports a
   * requested close both as the answer and as an event).
   */
  applyClose(row: PositionRow, close: TradeClose, meta: CloseMeta): boolean {
    const key = `${close.tradeId}|${close.closedAt}|${close.closedLots}|${close.remainingLots}`;
    const inserted = sql(
      this.#db,
      'INSERT OR IGNORE INTO closes (position_id, close_key, plugin, symbol, lots, price, pnl, reason, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      row.id,
      key,
      row.plugin,
      row.symbol,
      close.closedLots,
      close.closePrice,
      close.realizedPnl,
      close.reason,
      close.closedAt,
    );
    if (inserted.changes === 0) return false;
    if (close.remainingLots > EPSILON) {
      sql(this.#db, 'UPDATE positions SET lots = ?, realized_pnl = realized_pnl + ? WHERE id = ?').run(
        close.remainingLots,
        close.realizedPnl,
        row.id,
      );
      return true;
    }
    this.#markClosed(row.id, close, meta);
    return true;
  }

  #markClosed(id: number, close: TradeClose, meta: CloseMeta): void {
    sql(
      this.#db,
      `UPDATE positions SET state = 'closed', realized_pnl = realized_pnl + ?, close_price = ?, close_reason = ?, exit_note = ?,
           closed_by = ?, closed_at = ?, broker_trade_id = COALESCE(broker_trade_id, ?), entry_price = COALESCE(entry_price, ?),
           opened_at = COALESCE(opened_at, ?) WHERE id = ?`,
    ).run(
      close.realizedPnl,
      close.closePrice,
      close.reason,
      meta.note,
      meta.by,
      close.closedAt,
      close.tradeId,
      close.openPrice,
      close.closedAt,
      id,
    );
  }
}
