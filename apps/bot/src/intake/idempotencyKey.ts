import { createHash } from 'node:crypto';
import type { Alert } from '@zepix/plugin-core';

function stable(value: unknown): unknown {
  // Stryker disable next-line ConditionalExpression: an array as an index-keyed object hashes just as deterministically
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * How long the key stays live: the long window for an alert with its own `id`, the short resend window for a
 * content hash (id-less JSON and V6 pipe text), so a genuine repeat of the same content is traded again.
 */
export function dedupWindowMs(
  alert: Alert,
  intake: { readonly dedup_window_hours: number; readonly resend_window_seconds: number },
): number {
  return alert.alertId ? intake.dedup_window_hours * 3_600_000 : intake.resend_window_seconds * 1_000;
}

/**
 * The alert's own `id` when it sent one (TradingView template `"id":"{{ticker}}-{{interval}}-{{timenow}}"`),
 * otherwise a hash of the normalised alert, so a resend of the same body is recognised.
 */
export function idempotencyKey(alert: Alert): string {
  if (alert.alertId) return `id:${alert.alertId}`;
  const { journalId: _journalId, ...rest } = alert;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(stable(rest)))
    .digest('hex')}`;
}
