import type { Statement } from 'better-sqlite3';
import type { Connection } from './schema.js';
import type { AcceptedEntry, AppendResult, RejectedEntry } from './types.js';

/** HTTP status stored on accepted rows: the bot answers 200 once the row committed. */
const ACCEPTED_HTTP_STATUS = 200;

interface LiveKeyRow {
  id: number;
  received_at: string;
}

/** An accepted entry whose alert was already serialised, so a bad alert fails alone and not its whole batch. */
export type PreparedAccepted = Omit<AcceptedEntry, 'alert'> & { alertJson: string | null };

/** True when two receive times are closer than the window; unparseable times never match, so the alert is kept. */
function withinWindow(firstAt: string, repeatAt: string, windowMs: number): boolean {
  return Math.abs(Date.parse(repeatAt) - Date.parse(firstAt)) < windowMs;
}

/** The statements run inside an intake transaction: insert, recognise repeats, retire stale keys. */
export class IntakeWriter {
  readonly #insertAccepted: Statement;
  readonly #findLiveKey: Statement<[string], LiveKeyRow>;
  readonly #recordRepeat: Statement<[string, number]>;
  readonly #retireKey: Statement<[number]>;
  readonly #insertRejected: Statement;

  constructor(db: Connection) {
    this.#insertAccepted = db.prepare(`
      INSERT INTO alerts (received_at, sender, content_type, raw, status, http_status, idempotency_key,
                          family, kind, symbol, alert_json, dispatch_state)
      VALUES (@receivedAt, @sender, @contentType, @raw, 'accepted', ${ACCEPTED_HTTP_STATUS}, @idempotencyKey,
              @family, @kind, @symbol, @alertJson, 'pending')
      ON CONFLICT (idempotency_key) WHERE key_retired = 0 DO NOTHING`);
    this.#findLiveKey = db.prepare('SELECT id, received_at FROM alerts WHERE idempotency_key = ? AND key_retired = 0');
    this.#recordRepeat = db.prepare(
      'UPDATE alerts SET repeat_count = repeat_count + 1, last_repeat_at = ? WHERE id = ?',
    );
    this.#retireKey = db.prepare('UPDATE alerts SET key_retired = 1 WHERE id = ?');
    this.#insertRejected = db.prepare(`
      INSERT INTO alerts (received_at, sender, content_type, raw, status, http_status, error_code, reason,
                          dispatch_state)
      VALUES (@receivedAt, @sender, @contentType, @raw, @status, @httpStatus, @errorCode, @reason, 'none')`);
  }

  /** Stores an accepted alert, or counts it as a repeat of a live row with the same key inside the window. */
  accepted(entry: PreparedAccepted): AppendResult {
    const params = {
      receivedAt: entry.receivedAt,
      sender: entry.sender,
      contentType: entry.contentType,
      raw: entry.raw,
      idempotencyKey: entry.idempotencyKey,
      family: entry.family,
      kind: entry.kind,
      symbol: entry.symbol,
      alertJson: entry.alertJson,
    };
    const inserted = this.#insertAccepted.run(params);
    if (inserted.changes === 1) return { id: Number(inserted.lastInsertRowid), duplicate: false };

    const first = this.#findLiveKey.get(entry.idempotencyKey);
    if (first === undefined)
      throw new Error(`idempotency key "${entry.idempotencyKey}" conflicted but no live row holds it`);
    if (withinWindow(first.received_at, entry.receivedAt, entry.dedupWindowMs)) {
      this.#recordRepeat.run(entry.receivedAt, first.id);
      return { id: first.id, duplicate: true, firstReceivedAt: first.received_at };
    }
    this.#retireKey.run(first.id);
    const stored = this.#insertAccepted.run(params);
    return { id: Number(stored.lastInsertRowid), duplicate: false };
  }

  /** Stores a refused request; it has no key and is never dispatched. */
  rejected(entry: RejectedEntry): { id: number } {
    const stored = this.#insertRejected.run({
      receivedAt: entry.receivedAt,
      sender: entry.sender,
      contentType: entry.contentType,
      raw: entry.raw,
      status: entry.status,
      httpStatus: entry.httpStatus,
      errorCode: entry.errorCode,
      reason: entry.reason,
    });
    return { id: Number(stored.lastInsertRowid) };
  }
}
