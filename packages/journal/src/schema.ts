import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The schema version this code writes; stored in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 2;

/** A connection to the journal file. */
export type Connection = Database.Database;

/** How hard SQLite works to make each commit survive a power cut. */
export type SynchronousMode = 'FULL' | 'NORMAL';

/**
 * How long a bookkeeping write waits for a lock another process holds by default; a lock held longer fails the
 * write as ZEPIX_JOURNAL_LOCKED. The bot's intake passes its own short wait (`bookkeepingBusyTimeoutMs`), since
 * there the wait holds every webhook answer and /health, and writes the outcomes again later.
 */
export const BOOKKEEPING_BUSY_TIMEOUT_MS = 5000;

/**
 * How long an intake write waits for a lock another process holds. Short on purpose: better-sqlite3 waits on the
 * event loop, so every webhook answer and /health would wait with it; a 503 lets TradingView resend instead.
 */
export const INTAKE_BUSY_TIMEOUT_MS = 100;

const ALERTS_TABLE = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  id              INTEGER PRIMARY KEY,
  received_at     TEXT    NOT NULL,
  sender          TEXT    NOT NULL,
  content_type    TEXT    NOT NULL,
  raw             TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('accepted', 'rejected', 'unauthorized', 'aborted')),
  http_status     INTEGER NOT NULL,
  error_code      TEXT,
  reason          TEXT,
  idempotency_key TEXT,
  key_retired     INTEGER NOT NULL DEFAULT 0 CHECK (key_retired IN (0, 1)),
  family          TEXT,
  kind            TEXT,
  symbol          TEXT,
  alert_json      TEXT,
  dispatch_state  TEXT    NOT NULL CHECK (dispatch_state IN ('pending', 'done', 'none')),
  repeat_count    INTEGER NOT NULL DEFAULT 0,
  last_repeat_at  TEXT,
  dispatched_at   TEXT
);`;

const ALERTS_INDEXES = `
-- Only live keys are unique: a key older than the dedup window is retired so the same id can be stored again.
CREATE UNIQUE INDEX IF NOT EXISTS alerts_live_key ON alerts (idempotency_key) WHERE key_retired = 0;
CREATE INDEX IF NOT EXISTS alerts_status_id ON alerts (status, id);
CREATE INDEX IF NOT EXISTS alerts_pending ON alerts (id) WHERE dispatch_state = 'pending';`;

const OTHER_TABLES = `
CREATE TABLE IF NOT EXISTS outcomes (
  alert_id    INTEGER NOT NULL REFERENCES alerts (id),
  plugin      TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('ok', 'skipped', 'rejected', 'failed')),
  message     TEXT    NOT NULL,
  duration_ms REAL    NOT NULL,
  error_code  TEXT,
  data_json   TEXT,
  attempts    INTEGER NOT NULL,
  at          TEXT    NOT NULL,
  PRIMARY KEY (alert_id, plugin)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS plugin_state (
  plugin     TEXT    PRIMARY KEY,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  reason     TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
) WITHOUT ROWID;
`;

/** True when the path names SQLite's private in-memory database, which only one connection can see. */
export function isMemoryPath(path: string): boolean {
  return path === ':memory:';
}

/** Creates the file readable by its owner only (it holds alert bodies); SQLite gives -wal and -shm the same mode. */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}

/** Opens one connection in WAL mode with the given durability and busy timeout. */
export function openConnection(path: string, synchronous: SynchronousMode, busyTimeoutMs: number): Connection {
  if (!isMemoryPath(path)) createPrivately(path);
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates the tables on a new file and refuses files written by a newer schema. */
export function migrate(db: Connection): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `the file has journal schema version ${version} but this build only knows version ${SCHEMA_VERSION} (it was written by a newer Zepix)`,
    );
  }
  if (version === 1) {
    addAbortedStatus(db);
    return;
  }
  db.transaction(() => {
    db.exec(ALERTS_TABLE('alerts') + ALERTS_INDEXES + OTHER_TABLES);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * Version 1 → 2: the status check gains 'aborted'. SQLite cannot alter a CHECK, so the table is rebuilt (the
 * documented twelve-step way: foreign keys off outside the transaction, copy, drop, rename, re-index).
 */
function addAbortedStatus(db: Connection): void {
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(ALERTS_TABLE('alerts_v2'));
      db.exec('INSERT INTO alerts_v2 SELECT * FROM alerts; DROP TABLE alerts; ALTER TABLE alerts_v2 RENAME TO alerts;');
      db.exec(ALERTS_INDEXES + OTHER_TABLES);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
