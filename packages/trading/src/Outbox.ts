import type { Connection } from './schema.js';
import { relaxedTransaction, sql } from './schema.js';
import type { OutboxRow } from './types.js';

interface OutboxDbRow {
  id: number;
  plugin: string;
  kind: string;
  text: string;
  payload_json: string;
  created_at: string;
  sent_at: string | null;
}

/** A notification to write; `payload` is kept as JSON for the Telegram layer and tests. */
export interface OutboxMessage {
  readonly plugin: string;
  readonly kind: string;
  readonly text: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/**
 * The notification outbox. Writes are plain inserts so callers put them inside the transaction of the state
 * change they announce; a relay (the Telegram layer) reads `pending` and calls `markSent`.
 */
export class Outbox {
  readonly #db: Connection;
  readonly #now: () => Date;
  readonly #relaxed: <T>(fn: () => T) => T;

  constructor(db: Connection, now: () => Date) {
    this.#db = db;
    this.#now = now;
    this.#relaxed = relaxedTransaction(db);
  }

  /** Adds one message; returns its id. Call inside the transaction that changes the state it reports. */
  write(message: OutboxMessage): number {
    const result = sql(
      this.#db,
      'INSERT INTO outbox (plugin, kind, text, payload_json, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(message.plugin, message.kind, message.text, JSON.stringify(message.payload ?? {}), this.#now().toISOString());
    return Number(result.lastInsertRowid);
  }

  /** Oldest unsent messages first. */
  pending(limit = 100): OutboxRow[] {
    const rows = sql(this.#db, 'SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?').all(
      Math.max(1, Math.floor(limit)),
    ) as OutboxDbRow[];
    return rows.map(toOutboxRow);
  }

  /** Every message, newest last; for tests and the operator. */
  all(options: { readonly plugin?: string; readonly kind?: string } = {}): OutboxRow[] {
    const rows = sql(
      this.#db,
      'SELECT * FROM outbox WHERE (@plugin IS NULL OR plugin = @plugin) AND (@kind IS NULL OR kind = @kind) ORDER BY id',
    ).all({ plugin: options.plugin ?? null, kind: options.kind ?? null }) as OutboxDbRow[];
    return rows.map(toOutboxRow);
  }

  /** Marks messages delivered; unknown ids are ignored. */
  markSent(ids: readonly number[]): void {
    const stmt = sql(this.#db, 'UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
    const at = this.#now().toISOString();
    // A mark lost in a power cut only sends the message again, so it does not wait for an fsync.
    this.#relaxed(() => {
      for (const id of ids) stmt.run(at, id);
    });
  }
}

function toOutboxRow(row: OutboxDbRow): OutboxRow {
  return {
    id: row.id,
    plugin: row.plugin,
    kind: row.kind,
    text: row.text,
    payload: JSON.parse(row.payload_json) as Record<string, unknown>,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
