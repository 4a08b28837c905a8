import { createHash } from 'node:crypto';
import type { Alert } from '@zepix/plugin-core';

function stable(value: unknown): unknown {
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
