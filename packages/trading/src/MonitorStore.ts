import type { Direction } from '@zepix/plugin-core';
import type { Connection } from './schema.js';
import { sql, whereEquals } from './schema.js';

/** Which re-entry a monitor waits for. */
export type MonitorKind = 'sl_hunt' | 'tp_continuation' | 'exit_continuation';

/** A `monitors` row as stored. */
export interface MonitorRow {
  id: number;
  plugin: string;
  symbol: string;
  direction: Direction;
  kind: MonitorKind;
  level: number;
  source_position_id: number;
  trigger_price: number;
  sl_distance: number | null;
  tp_distance: number | null;
  lots: number;
  lifecycle_json: string;
  armed_at: string;
  expires_at: string;
  state: 'armed' | 'taken' | 'expired' | 'cancelled' | 'failed';
  result_position_id: number | null;
  note: string | null;
  resolved_at: string | null;
}

/** A monitor to arm. */
export type NewMonitor = Omit<MonitorRow, 'id' | 'state' | 'result_position_id' | 'note' | 'resolved_at'>;

/** SQL for the `monitors` table. */
export class MonitorStore {
  readonly #db: Connection;
  readonly #now: () => Date;

  constructor(db: Connection, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** Arms a monitor; at most one per closed position, so a repeated close arms nothing twice. */
  insert(monitor: NewMonitor): number | undefined {
    const result = sql(
      this.#db,
      `INSERT OR IGNORE INTO monitors (plugin, symbol, direction, kind, level, source_position_id, trigger_price, sl_distance,
           tp_distance, lots, lifecycle_json, armed_at, expires_at, state)
         VALUES (@plugin, @symbol, @direction, @kind, @level, @source_position_id, @trigger_price, @sl_distance,
           @tp_distance, @lots, @lifecycle_json, @armed_at, @expires_at, 'armed')`,
    ).run(monitor);
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  /** The monitor with this id. */
  byId(id: number): MonitorRow | undefined {
    return sql(this.#db, 'SELECT * FROM monitors WHERE id = ?').get(id) as MonitorRow | undefined;
  }

  /** Armed monitors matching the filter, oldest first. */
  armed(filter: { plugin?: string; symbol?: string; direction?: Direction } = {}): MonitorRow[] {
    const { where, params } = whereEquals({
      state: 'armed',
      symbol: filter.symbol,
      plugin: filter.plugin,
      direction: filter.direction,
    });
    return sql(this.#db, `SELECT * FROM monitors WHERE ${where} ORDER BY id`).all(params) as MonitorRow[];
  }

  /** Every monitor, oldest first (for tests and the operator). */
  all(): MonitorRow[] {
    return sql(this.#db, 'SELECT * FROM monitors ORDER BY id').all() as MonitorRow[];
  }

  /** Ends an armed monitor; false when it was no longer armed. */
  resolve(
    id: number,
    state: Exclude<MonitorRow['state'], 'armed'>,
    note: string,
    resultPositionId: number | null = null,
  ): boolean {
    const result = sql(
      this.#db,
      "UPDATE monitors SET state = ?, note = ?, result_position_id = ?, resolved_at = ? WHERE id = ? AND state = 'armed'",
    ).run(state, note, resultPositionId, this.#now().toISOString(), id);
    return result.changes === 1;
  }

  /** Armed monitors past their expiry, ended as 'expired'; returns how many. */
  expire(nowIso: string): number {
    return sql(
      this.#db,
      "UPDATE monitors SET state = 'expired', note = 'window elapsed', resolved_at = ? WHERE state = 'armed' AND expires_at <= ?",
    ).run(nowIso, nowIso).changes;
  }
}
