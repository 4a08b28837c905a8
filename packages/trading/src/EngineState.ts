import type { Connection } from './schema.js';
import { sql } from './schema.js';

/** Small persisted facts (pause flag, last balance, cap notices) and the operator audit trail. */
export class EngineState {
  readonly #db: Connection;
  readonly #now: () => Date;

  constructor(db: Connection, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** The stored value, or undefined. */
  get(key: string): string | undefined {
    const row = sql(this.#db, 'SELECT value FROM engine_state WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  /** Stores a value. */
  set(key: string, value: string): void {
    sql(
      this.#db,
      'INSERT INTO engine_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(key, value, this.#now().toISOString());
  }

  /** Removes a value. */
  delete(key: string): void {
    sql(this.#db, 'DELETE FROM engine_state WHERE key = ?').run(key);
  }

  /** Stores the value only when the key is new; true when this call stored it (a once-only marker). */
  setOnce(key: string, value: string): boolean {
    const result = sql(this.#db, 'INSERT OR IGNORE INTO engine_state (key, value, updated_at) VALUES (?, ?, ?)').run(
      key,
      value,
      this.#now().toISOString(),
    );
    return result.changes === 1;
  }

  /** Records who did what; operator commands are owned by 'operator'. */
  audit(actor: string, action: string, detail: Readonly<Record<string, unknown>>): void {
    sql(this.#db, 'INSERT INTO audit (actor, action, detail_json, at) VALUES (?, ?, ?, ?)').run(
      actor,
      action,
      JSON.stringify(detail),
      this.#now().toISOString(),
    );
  }

  /** The audit trail, oldest first. */
  auditTrail(): { actor: string; action: string; detail: Record<string, unknown>; at: string }[] {
    const rows = sql(this.#db, 'SELECT actor, action, detail_json, at FROM audit ORDER BY id').all() as {
      actor: string;
      action: string;
      detail_json: string;
      at: string;
    }[];
    return rows.map((r) => ({
      actor: r.actor,
      action: r.action,
      detail: JSON.parse(r.detail_json) as Record<string, unknown>,
      at: r.at,
    }));
  }
}
