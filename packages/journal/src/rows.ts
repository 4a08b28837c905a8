import type { AlertRow, AlertRowStatus, OutcomeRow, PluginStateRow } from './types.js';

/** An `alerts` row as SQLite returns it. */
export interface AlertRecord {
  id: number;
  received_at: string;
  sender: string;
  content_type: string;
  raw: string;
  status: AlertRowStatus;
  http_status: number;
  error_code: string | null;
  reason: string | null;
  idempotency_key: string | null;
  family: string | null;
  kind: string | null;
  symbol: string | null;
  alert_json: string | null;
  dispatch_state: AlertRow['dispatchState'];
  repeat_count: number;
  last_repeat_at: string | null;
  dispatched_at: string | null;
}

/** An `outcomes` row as SQLite returns it. */
export interface OutcomeRecord {
  alert_id: number;
  plugin: string;
  status: OutcomeRow['status'];
  message: string;
  duration_ms: number;
  error_code: string | null;
  data_json: string | null;
  attempts: number;
  at: string;
}

/** A `plugin_state` row as SQLite returns it. */
export interface PluginStateRecord {
  plugin: string;
  enabled: number;
  reason: string;
  updated_at: string;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** Serialises a value for a JSON column; `undefined` is stored as SQL NULL. */
export function toJson(value: unknown): string | null {
  const text = JSON.stringify(value) as string | undefined;
  return text ?? null;
}

/** Maps an `alerts` row to the public shape. */
export function toAlertRow(r: AlertRecord): AlertRow {
  return {
    id: r.id,
    receivedAt: r.received_at,
    sender: r.sender,
    contentType: r.content_type,
    raw: r.raw,
    status: r.status,
    httpStatus: r.http_status,
    errorCode: r.error_code,
    reason: r.reason,
    idempotencyKey: r.idempotency_key,
    family: r.family,
    kind: r.kind,
    symbol: r.symbol,
    alert: parseJson(r.alert_json),
    dispatchState: r.dispatch_state,
    repeatCount: r.repeat_count,
    lastRepeatAt: r.last_repeat_at,
    dispatchedAt: r.dispatched_at,
  };
}

/** Maps an `outcomes` row to the public shape, leaving out optional fields that were never set. */
export function toOutcomeRow(r: OutcomeRecord): OutcomeRow {
  const row: OutcomeRow = {
    alertId: r.alert_id,
    plugin: r.plugin,
    status: r.status,
    message: r.message,
    durationMs: r.duration_ms,
    attempts: r.attempts,
    at: r.at,
  };
  if (r.error_code !== null) row.errorCode = r.error_code;
  if (r.data_json !== null) row.data = parseJson(r.data_json);
  return row;
}

/** Maps a `plugin_state` row to the public shape. */
export function toPluginStateRow(r: PluginStateRecord): PluginStateRow {
  return { plugin: r.plugin, enabled: r.enabled === 1, reason: r.reason, updatedAt: r.updated_at };
}
