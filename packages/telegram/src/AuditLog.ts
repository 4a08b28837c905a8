import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { TelegramError, TelegramErrorCode } from './errors.js';

/** How a command attempt ended. */
export type AuditOutcome =
  'ok' | 'refused' | 'usage' | 'failed' | 'unknown' | 'stale' | 'asked' | 'confirmed' | 'cancelled' | 'expired';

/** One command attempt, allowed or not. */
export interface AuditEntry {
  readonly at: string;
  readonly userId: number | null;
  readonly username: string | null;
  readonly chatId: number | string | null;
  readonly command: string;
  readonly args: string;
  readonly outcome: AuditOutcome;
}

interface AuditRow {
  at: string;
  user_id: number | null;
  username: string | null;
  chat_id: string | null;
  command: string;
  args: string;
  outcome: AuditOutcome;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  chat_id TEXT,
  command TEXT NOT NULL,
  args TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
`;

const MAX_ARGS_CHARS = 200;

/** Every controller command and button press, allowed or refused, in SQLite. */
export class AuditLog {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  #closed = false;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
    this.#insert = db.prepare(
      'INSERT INTO audit (at, user_id, username, chat_id, command, args, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Opens (and creates) the audit database; throws `ZEPIX_TELEGRAM_AUDIT_FAILED` with the path on failure. */
  static open(path: string): AuditLog {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      return new AuditLog(path, db);
    } catch (error) {
      throw new TelegramError(
        TelegramErrorCode.AuditFailed,
        `Could not open the Telegram audit log at "${path}": ${error instanceof Error ? error.message : String(error)}. ` +
          'Check that the folder is writable and the file is not something other than SQLite.',
        error,
      );
    }
  }

  /** Appends one entry; after `close()` it is ignored, so a late reply during shutdown cannot throw. */
  record(entry: AuditEntry): void {
    if (this.#closed) return;
    const chat = entry.chatId === null ? null : String(entry.chatId);
    this.#insert.run(
      entry.at,
      entry.userId,
      entry.username,
      chat,
      entry.command,
      entry.args.slice(0, MAX_ARGS_CHARS),
      entry.outcome,
    );
  }

  /** The newest entries, oldest first. */
  recent(limit = 100): AuditEntry[] {
    if (this.#closed) return [];
    const rows = this.#db
      .prepare('SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id')
      .all(limit) as AuditRow[];
    return rows.map(toEntry);
  }

  /** Closes the database; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const chat = row.chat_id === null ? null : /^-?\d+$/.test(row.chat_id) ? Number(row.chat_id) : row.chat_id;
  return {
    at: row.at,
    userId: row.user_id,
    username: row.username,
    chatId: chat,
    command: row.command,
    args: row.args,
    outcome: row.outcome,
  };
}
