import type { BaseLogicPlugin } from '@zepix/plugin-core';
import type { LogicId } from './config.js';

/** The plugin database type (plugin-core's PluginDatabase, opened by the host), taken from the base class. */
type Database = BaseLogicPlugin['db'];

/**
 * Which logic opened each position, kept in the plugin's own database: the broker's positions do not say, and an
 * opposing trend must only close the positions of the logics that read that trend.
 */
export class PositionLogics {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS position_logic (
         position_id TEXT PRIMARY KEY,
         symbol TEXT NOT NULL,
         logic TEXT NOT NULL,
         opened_at TEXT NOT NULL
       )`,
    );
  }

  /** Remembers the logic of newly opened positions. */
  record(positionIds: readonly string[], symbol: string, logic: LogicId, openedAt: string): void {
    const insert = this.#db.prepare(
      'INSERT OR REPLACE INTO position_logic (position_id, symbol, logic, opened_at) VALUES (?, ?, ?, ?)',
    );
    for (const id of positionIds) insert.run(id, symbol, logic, openedAt);
  }

  /** The logic of each listed position that this plugin recorded. */
  logicsOf(positionIds: readonly string[]): Map<string, LogicId> {
    const select = this.#db.prepare<[string], { logic: LogicId }>(
      'SELECT logic FROM position_logic WHERE position_id = ?',
    );
    const found = new Map<string, LogicId>();
    for (const id of positionIds) {
      const row = select.get(id);
      if (row) found.set(id, row.logic);
    }
    return found;
  }

  /** Forgets positions that are closed. */
  forget(positionIds: readonly string[]): void {
    const remove = this.#db.prepare('DELETE FROM position_logic WHERE position_id = ?');
    for (const id of positionIds) remove.run(id);
  }
}
