import Database from 'better-sqlite3';
import type { Side } from '@zepix/broker-api';

/** One Zepix order as the adapter remembers it: written before the trade is sent. */
export interface OrderRow {
  readonly prefix: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly direction: Side;
  readonly position_id: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  prefix TEXT PRIMARY KEY,
  client_order_id TEXT NOT NULL UNIQUE,
  symbol TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('buy', 'sell')),
  position_id TEXT
);
CREATE INDEX IF NOT EXISTS orders_position ON orders (position_id);
CREATE TABLE IF NOT EXISTS seen_deals (id TEXT PRIMARY KEY, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursor (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * What the adapter must keep across restarts: which MetaApi clientId belongs to which Zepix client order id (the
 * short form is a hash and cannot be reversed), and how far the history deals have been read.
 */
export class MetaApiStore {
  readonly #db: Database.Database;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
  }

  remember(row: Omit<OrderRow, 'position_id'>): void {
    this.#db
      .prepare(
        'INSERT INTO orders (prefix, client_order_id, symbol, direction) VALUES (?, ?, ?, ?) ON CONFLICT(prefix) DO NOTHING',
      )
      .run(row.prefix, row.client_order_id, row.symbol, row.direction);
  }

  setPosition(prefix: string, positionId: string): void {
    this.#db.prepare('UPDATE orders SET position_id = ? WHERE prefix = ?').run(positionId, prefix);
  }

  byPrefix(prefix: string): OrderRow | undefined {
    return this.#db.prepare('SELECT * FROM orders WHERE prefix = ?').get(prefix) as OrderRow | undefined;
  }

  byPosition(positionId: string): OrderRow | undefined {
    return this.#db.prepare('SELECT * FROM orders WHERE position_id = ?').get(positionId) as OrderRow | undefined;
  }

  /** Records a deal as handled; false when it already was. */
  markDealSeen(id: string, time: string): boolean {
    return this.#db.prepare('INSERT OR IGNORE INTO seen_deals (id, time) VALUES (?, ?)').run(id, time).changes === 1;
  }

  hasSeenDeal(id: string): boolean {
    return this.#db.prepare('SELECT 1 FROM seen_deals WHERE id = ?').get(id) !== undefined;
  }

  dealCursor(): string | undefined {
    const row = this.#db.prepare("SELECT value FROM cursor WHERE name = 'deals'").get() as
      { value: string } | undefined;
    return row?.value;
  }

  /** Moves the deal cursor forward and forgets seen deals older than it (they can no longer come back). */
  advanceDealCursor(time: string): void {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          "INSERT INTO cursor (name, value) VALUES ('deals', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value WHERE excluded.value > cursor.value",
        )
        .run(time);
      this.#db.prepare('DELETE FROM seen_deals WHERE time < (SELECT value FROM cursor WHERE name = ?)').run('deals');
    })();
  }

  close(): void {
    this.#db.close();
  }
}
