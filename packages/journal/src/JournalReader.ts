import type { Statement } from 'better-sqlite3';
import type { AlertRecord, OutcomeRecord, PluginStateRecord } from './rows.js';
import { toAlertRow, toOutcomeRow, toPluginStateRow } from './rows.js';
import type { Connection } from './schema.js';
import type { AlertRow, AlertWithOutcomes, JournalCounts, ListOptions, OutcomeRow, PluginStateRow } from './types.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** Clamps a requested page size to 1..500, defaulting to 50. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(Math.max(Math.trunc(limit), 1), MAX_LIMIT);
}

/** Reads on the journal connection. */
export class JournalReader {
  readonly #db: Connection;
  readonly #byId: Statement<[number], AlertRecord>;
  readonly #outcomesOf: Statement<[number], OutcomeRecord>;
  readonly #pending: Statement<[], AlertRecord>;
  readonly #pendingOutcomes: Statement<[], OutcomeRecord>;
  readonly #readPending: () => { alerts: AlertRecord[]; outcomes: OutcomeRecord[] };
  readonly #counts: Statement<[], JournalCounts>;
  readonly #pluginStates: Statement<[], PluginStateRecord>;
  readonly #listQueries = new Map<string, Statement<[Record<string, unknown>], AlertRecord>>();

  constructor(db: Connection) {
    this.#db = db;
    this.#byId = db.prepare('SELECT * FROM alerts WHERE id = ?');
    this.#outcomesOf = db.prepare('SELECT * FROM outcomes WHERE alert_id = ? ORDER BY plugin');
    this.#pending = db.prepare("SELECT * FROM alerts WHERE dispatch_state = 'pending' ORDER BY id");
    this.#pendingOutcomes = db.prepare(`
      SELECT o.* FROM outcomes o JOIN alerts a ON a.id = o.alert_id
      WHERE a.dispatch_state = 'pending' ORDER BY o.alert_id, o.plugin`);
    this.#counts = db.prepare(`
      SELECT COUNT(*) AS total,
             COALESCE(SUM(status = 'accepted'), 0) AS accepted,
             COALESCE(SUM(status = 'rejected'), 0) AS rejected,
             COALESCE(SUM(status = 'unauthorized'), 0) AS unauthorized,
             COALESCE(SUM(status = 'aborted'), 0) AS aborted,
             COALESCE(SUM(repeat_count), 0) AS duplicates,
             COALESCE(SUM(dispatch_state = 'pending'), 0) AS pendingDispatch
      FROM alerts`);
    this.#pluginStates = db.prepare('SELECT * FROM plugin_state ORDER BY plugin');
    // One read transaction, so alerts and outcomes come from the same snapshot.
    this.#readPending = db.transaction(() => ({ alerts: this.#pending.all(), outcomes: this.#pendingOutcomes.all() }));
  }

  /** One row with its outcomes. */
  get(id: number): AlertWithOutcomes | undefined {
    const record = this.#byId.get(id);
    if (record === undefined) return undefined;
    return { ...toAlertRow(record), outcomes: this.#outcomesOf.all(id).map(toOutcomeRow) };
  }

  /** Accepted rows still to dispatch, oldest first, each with the outcomes already recorded. */
  pendingDispatch(): AlertWithOutcomes[] {
    const { alerts, outcomes } = this.#readPending();
    const byAlert = new Map<number, OutcomeRow[]>();
    for (const record of outcomes) {
      const list = byAlert.get(record.alert_id) ?? [];
      list.push(toOutcomeRow(record));
      byAlert.set(record.alert_id, list);
    }
    return alerts.map((record) => ({ ...toAlertRow(record), outcomes: byAlert.get(record.id) ?? [] }));
  }

  /** Rows newest first, optionally of one status and older than an id. */
  list(options: ListOptions = {}): AlertRow[] {
    const filters: string[] = [];
    if (options.status !== undefined) filters.push('status = @status');
    if (options.beforeId !== undefined) filters.push('id < @beforeId');
    const where = filters.length === 0 ? '' : `WHERE ${filters.join(' AND ')}`;
    const sql = `SELECT * FROM alerts ${where} ORDER BY id DESC LIMIT @limit`;
    let query = this.#listQueries.get(sql);
    if (query === undefined) {
      query = this.#db.prepare(sql);
      this.#listQueries.set(sql, query);
    }
    const params: Record<string, unknown> = { limit: pageSize(options.limit) };
    if (options.status !== undefined) params.status = options.status;
    if (options.beforeId !== undefined) params.beforeId = options.beforeId;
    return query.all(params).map(toAlertRow);
  }

  /** Row totals by status, repeats and pending dispatch. */
  counts(): JournalCounts {
    return this.#counts.get() as JournalCounts;
  }

  /** Every persisted plugin state, by plugin id. */
  pluginStates(): PluginStateRow[] {
    return this.#pluginStates.all().map(toPluginStateRow);
  }
}
