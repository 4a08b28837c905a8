import { describe, expect, it } from 'vitest';
import { checkAlertAge } from './checkAlertAge.js';

const now = new Date('2026-11-24T12:00:00Z');

describe('checkAlertAge', () => {
  it('passes undated alerts and fresh ones in ISO, epoch seconds and epoch milliseconds', () => {
    expect(checkAlertAge(undefined, now, 120)).toEqual({ ok: true });
    expect(checkAlertAge('2026-11-24T11:59:00Z', now, 120)).toEqual({ ok: true });
    expect(checkAlertAge(String(now.getTime() / 1000 - 30), now, 120)).toEqual({ ok: true });
    expect(checkAlertAge(String(now.getTime() - 30_000), now, 120)).toEqual({ ok: true });
  });

  it('refuses stale, future and unreadable timestamps with the reason', () => {
    expect(checkAlertAge('2026-11-24T11:50:00Z', now, 120)).toEqual({
      ok: false,
      reason: expect.stringContaining('600 s old, older than intake.max_alert_age_seconds (120)'),
    });
    expect(checkAlertAge('2026-11-24T12:10:00Z', now, 120)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('in the future'),
    });
    expect(checkAlertAge('yesterday', now, 120)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a date'),
    });
  });

  it('checks nothing when the limit is off', () => {
    expect(checkAlertAge('2020-01-01T00:00:00Z', now, null)).toEqual({ ok: true });
  });
});
