import type { Statement } from 'better-sqlite3';
import { toJson } from './rows.js';
import type { Connection } from './schema.js';
import type { OutcomeInput } from './types.js';

/** Bookkeeping writes (run in bookkeeping mode, see bookkeepingMode.ts): outcomes, dispatch marks and plugin state. Losing the last few to a power cut only causes a safe re-dispatch. */
export class Bookkeeping {
  readonly #upsertOutcome: Statement;
  readonly #markDispatched: Statement<[string, number]>;
  readonly #upsertPluginState: Statement<[string, number, string, string]>;

  constructor(db: Connection) {
    this.#upsertOutcome = db.prepare(`
      INSERT INTO outcomes (alert_id, plugin, status, message, duration_ms, error_code, data_json, attempts, at)
      VALUES (@alertId, @plugin, @status, @message, @durationMs, @errorCode, @dataJson, 1, @at)
      ON CONFLICT (alert_id, plugin) DO UPDATE SET
        status = excluded.status, message = excluded.message, duration_ms = excluded.duration_ms,
        error_code = excluded.error_code, data_json = excluded.data_json,
        attempts = outcomes.attempts + 1, at = excluded.at`);
    this.#markDispatched = db.prepare(
      "UPDATE alerts SET dispatch_state = 'done', dispatched_at = ? WHERE id = ? AND dispatch_state = 'pending'",
    );
    this.#upsertPluginState = db.prepare(`
      INSERT INTO plugin_state (plugin, enabled, reason, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (plugin) DO UPDATE SET
        enabled = excluded.enabled, reason = excluded.reason, updated_at = excluded.updated_at`);
  }

  /** Inserts or replaces one plugin's outcome for one alert, counting the delivery. */
  recordOutcome(outcome: OutcomeInput, at: string): void {
    this.#upsertOutcome.run({
      alertId: outcome.alertId,
      plugin: outcome.plugin,
      status: outcome.status,
      message: outcome.message,
      durationMs: outcome.durationMs,
      errorCode: outcome.errorCode ?? null,
      dataJson: toJson(outcome.data),
      at,
    });
  }

  /** Marks a pending alert as dispatched; rows already done or never dispatchable are left as they are. */
  markDispatched(alertId: number, at: string): void {
    this.#markDispatched.run(at, alertId);
  }

  /** Inserts or replaces a plugin's enabled flag. */
  setPluginState(plugin: string, enabled: boolean, reason: string, at: string): void {
    this.#upsertPluginState.run(plugin, enabled ? 1 : 0, reason, at);
  }
}
