import type { Direction } from '@zepix/plugin-core';
import type { Connection } from './schema.js';
import { sql, whereEquals } from './schema.js';

/** A `chains` row as stored. */
export interface ChainRow {
  id: number;
  plugin: string;
  symbol: string;
  direction: Direction;
  root_position_id: number;
  root_client_id: string;
  lots: number;
  sl_distance: number | null;
  level: number;
  state: 'active' | 'completed' | 'stopped';
  stop_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** SQL for the `chains` table. */
export class ChainStore {
  readonly #db: Connection;
  readonly #now: () => Date;

  constructor(db: Connection, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** Starts a chain at level 1 from its root position; returns the chain id. */
  insert(chain: {
    plugin: string;
    symbol: string;
    direction: Direction;
    rootPositionId: number;
    rootClientId: string;
    lots: number;
    slDistance: number | null;
  }): number {
    const at = this.#now().toISOString();
    const result = sql(
      this.#db,
      `INSERT INTO chains (plugin, symbol, direction, root_position_id, root_client_id, lots, sl_distance, level, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'active', ?, ?)`,
    ).run(
      chain.plugin,
      chain.symbol,
      chain.direction,
      chain.rootPositionId,
      chain.rootClientId,
      chain.lots,
      chain.slDistance,
      at,
      at,
    );
    return Number(result.lastInsertRowid);
  }

  /** The chain with this id. */
  byId(id: number): ChainRow | undefined {
    return sql(this.#db, 'SELECT * FROM chains WHERE id = ?').get(id) as ChainRow | undefined;
  }

  /** The chain grown from this position. */
  byRoot(positionId: number): ChainRow | undefined {
    return sql(this.#db, 'SELECT * FROM chains WHERE root_position_id = ?').get(positionId) as ChainRow | undefined;
  }

  /** Chains matching the filter, oldest first. */
  list(
    filter: { plugin?: string; symbol?: string; direction?: Direction; state?: ChainRow['state'] } = {},
  ): ChainRow[] {
    const { where, params } = whereEquals({
      state: filter.state,
      symbol: filter.symbol,
      plugin: filter.plugin,
      direction: filter.direction,
    });
    return sql(this.#db, `SELECT * FROM chains WHERE ${where} ORDER BY id`).all(params) as ChainRow[];
  }

  /** Moves an active chain to the next level. */
  setLevel(id: number, level: number): void {
    sql(this.#db, "UPDATE chains SET level = ?, updated_at = ? WHERE id = ? AND state = 'active'").run(
      level,
      this.#now().toISOString(),
      id,
    );
  }

  /** Ends an active chain; false when it was not active. */
  finish(id: number, state: 'completed' | 'stopped', reason: string): boolean {
    const result = sql(
      this.#db,
      "UPDATE chains SET state = ?, stop_reason = ?, updated_at = ? WHERE id = ? AND state = 'active'",
    ).run(state, reason, this.#now().toISOString(), id);
    return result.changes === 1;
  }

  /** Orders still open in a chain, and the P&L it has booked. */
  figures(id: number): { openOrders: number; bookedPnl: number } {
    const row = sql(
      this.#db,
      "SELECT SUM(CASE WHEN state IN ('open', 'submitting', 'unknown') THEN 1 ELSE 0 END) AS open_orders, COALESCE(SUM(realized_pnl), 0) AS booked FROM positions WHERE chain_id = ?",
    ).get(id) as { open_orders: number | null; booked: number };
    return { openOrders: row.open_orders ?? 0, bookedPnl: Math.round(row.booked * 100) / 100 };
  }
}
