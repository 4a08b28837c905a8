import type { TelegramRole } from './settings.js';

// Reports only: `daily_summary`, `weekly_report`, `report_*`, `analytics_*`. Alerts such as `daily_loss_cap`
// share the word "daily" but must reach the notification chat, where the trader is watching.
const ANALYTICS_KIND = /(^|_)(summary|report)$|^(report|analytics)(_|$)/;

/** Which bot and chat an outbox row goes to: reports to analytics, everything else to notifications. */
export function roleForKind(kind: string): TelegramRole {
  return ANALYTICS_KIND.test(kind) ? 'analytics' : 'notification';
}
