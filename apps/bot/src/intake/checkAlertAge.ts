/** Result of the age check: fresh (or undated), or refused with the reason. */
export type AgeCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function parseSentAt(sentAt: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(sentAt)) {
    const n = Number(sentAt);
    // Epoch seconds (10 digits) or milliseconds (13 digits): TradingView's {{timenow}} is ISO, other senders vary.
    return n < 1e11 ? n * 1000 : n;
  }
  const ms = Date.parse(sentAt);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Refuses alerts whose own timestamp is older than the limit (or that far in the future: a wrong clock).
 * Alerts without a timestamp pass; an unreadable timestamp is refused.
 */
export function checkAlertAge(sentAt: string | undefined, now: Date, maxAgeSeconds: number | null): AgeCheck {
  if (sentAt === undefined || maxAgeSeconds === null) return { ok: true };
  const sent = parseSentAt(sentAt);
  if (sent === undefined) {
    return {
      ok: false,
      reason: `timestamp "${sentAt.slice(0, 40)}" is not a date; send ISO 8601 ({{timenow}}) or epoch milliseconds`,
    };
  }
  const ageSeconds = (now.getTime() - sent) / 1000;
  if (ageSeconds > maxAgeSeconds) {
    return {
      ok: false,
      reason: `alert is ${Math.round(ageSeconds)} s old, older than intake.max_alert_age_seconds (${maxAgeSeconds}); stale signals are not traded`,
    };
  }
  if (-ageSeconds > maxAgeSeconds) {
    return {
      ok: false,
      reason: `alert timestamp is ${Math.round(-ageSeconds)} s in the future; check the sender's clock (or this server's NTP)`,
    };
  }
  return { ok: true };
}
