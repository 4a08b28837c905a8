import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The schema version this code writes; stored in `PRAGMA user_version`. */
export const PAPER_SCHEMA_VERSION = 1;

/** A connection to the paper broker's file. */
export type Connection = Database.Database;

const BUSY_TIMEOUT_MS = 5000;

// AUTOINCREMENT so a trade id (P<id>) is never handed out twice, even after the newest trade row is gone.
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS trades (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  client_order_id TEXT    NOT NULL UNIQUE,
  symbol          TEXT    NOT NULL,
  direction       TEXT    NOT NULL CHECK (direction IN ('buy', 'sell')),
  initial_lots    REAL    NOT NULL CHECK (initial_lots > 0),
  lots            REAL    NOT NULL CHECK (lots >= 0),
  open_price      REAL    NOT NULL,
  stop_loss       REAL,
  take_profit     REAL,
  opened_at       TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  realized_pnl    REAL    NOT NULL DEFAULT 0,
  close_price     REAL,
  closed_at       TEXT
);
CREATE INDEX IF NOT EXISTS trades_open_symbol ON trades (symbol, id) WHERE status = 'open';
-- Covers the account summary's per-symbol sums over open trades, asked for on every order, without table reads.
CREATE INDEX IF NOT EXISTS trades_open_value ON trades (symbol, direction, open_price, lots) WHERE status = 'open';

CREATE TABLE IF NOT EXISTS closes (
  id           INTEGER PRIMARY KEY,
  trade_id     INTEGER NOT NULL REFERENCES trades (id),
  lots         REAL    NOT NULL CHECK (lots > 0),
  close_price  REAL    NOT NULL,
  realized_pnl REAL    NOT NULL,
  reason       TEXT    NOT NULL CHECK (reason IN ('sl', 'tp', 'manual')),
  closed_at    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS closes_trade ON closes (trade_id);

CREATE TABLE IF NOT EXISTS account (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  currency         TEXT    NOT NULL,
  starting_balance REAL    NOT NULL,
  balance          REAL    NOT NULL
);

CREATE TABLE IF NOT EXISTS prices (
  symbol TEXT PRIMARY KEY,
  bid    REAL NOT NULL,
  ask    REAL NOT NULL,
  time   TEXT NOT NULL
) WITHOUT ROWID;
`;

/** True when the path names SQLite's private in-memory database. */
function isMemoryPath(path: string): boolean {
  return path === ':memory:';
}

/**
 * Opens the file in WAL mode. synchronous=NORMAL: in WAL every commit survives a process kill; only a power cut
 * can drop the last few, which costs a paper account nothing real and keeps an order under a millisecond.
 */
export function openPaperDb(path: string): Connection {
  if (!isMemoryPath(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates the tables and the account row on a new file; refuses files written by a newer schema. */
export function migratePaperDb(db: Connection, startingBalance: number): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > PAPER_SCHEMA_VERSION) {
    throw new Error(
      `the paper broker file has schema version ${version} but this build only knows version ${PAPER_SCHEMA_VERSION} (it was written by a newer Zepix)`,
    );
  }
  db.transaction(() => {
    db.exec(SCHEMA_V1);
    // Only a new file takes the starting balance; a reopened account keeps the balance it had.
    db.prepare("INSERT OR IGNORE INTO account (id, currency, starting_balance, balance) VALUES (1, 'USD', ?, ?)").run(
      startingBalance,
      startingBalance,
    );
    db.pragma(`user_version = ${PAPER_SCHEMA_VERSION}`);
  }).immediate();
}
