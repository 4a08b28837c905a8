import { describe, expect, it } from 'vitest';
import { takeBatch, fitText } from './coalesce.js';
import { parseCommandLine } from './commandLine.js';
import { nextRunAt } from './DailySummary.js';
import { duration, money, table, timeframe } from './format.js';
import { escapeHtml, html } from './html.js';
import { RateWindow } from './RateWindow.js';
import { roleForKind } from './routing.js';
import { renderHtml } from './testing/fakeHtml.js';

describe('RateWindow', () => {
  it('allows `limit` sends per window, then the next slot after the oldest leaves', () => {
    const w = new RateWindow(3, 1000);
    expect([w.reserve(0), w.reserve(0), w.reserve(0), w.reserve(0), w.reserve(100)]).toEqual([0, 0, 0, 1000, 1000]);
    expect(w.reserve(2500)).toBe(2500);
  });

  it('spaces sends for rates below one a second', () => {
    const w = RateWindow.perSecond(0.5);
    expect([w.reserve(0), w.reserve(0), w.reserve(0)]).toEqual([0, 2000, 4000]);
  });
});

describe('takeBatch', () => {
  const item = (text: string, coalescible = true) => ({ text, coalescible });

  it('sends the head alone while the queue keeps up', () => {
    expect(takeBatch([item('a'), item('b')], 5)).toEqual({ count: 1, text: 'a' });
  });

  it('merges consecutive coalescible messages when behind, stopping at a reply', () => {
    const items = [item('a'), item('b'), item('c'), item('reply', false), item('d')];
    expect(takeBatch(items, 2)).toEqual({ count: 3, text: 'a\n\nb\n\nc' });
    expect(takeBatch(items.slice(3), 1)).toEqual({ count: 1, text: 'reply' });
  });

  it('keeps within the limit and cuts an oversized single message', () => {
    expect(takeBatch([item('x'.repeat(6)), item('y'.repeat(6))], 1, 12)).toEqual({ count: 1, text: 'xxxxxx' });
    expect(fitText('z'.repeat(5000))).toHaveLength(4096);
    expect(fitText('   ')).toBe('(empty message)');
  });
});

describe('parseCommandLine', () => {
  it('parses names, arguments and the @bot suffix', () => {
    expect(parseCommandLine('/Enable  combined-v3 ', 'zbot')).toEqual({ name: 'enable', args: ['combined-v3'] });
    expect(parseCommandLine('/status@ZBot', 'zbot')).toEqual({ name: 'status', args: [] });
    expect(parseCommandLine('/status@other_bot', 'zbot')).toBeNull();
    expect(parseCommandLine('hello', 'zbot')).toBeNull();
  });
});

describe('nextRunAt', () => {
  it('is later today, or tomorrow once the time has passed', () => {
    expect(nextRunAt(new Date('2025-03-01T20:00:00Z'), '21:00').toISOString()).toBe('2025-03-01T21:00:00.000Z');
    expect(nextRunAt(new Date('2025-03-01T21:00:00Z'), '21:00').toISOString()).toBe('2025-03-02T21:00:00.000Z');
    expect(nextRunAt(new Date('2025-12-31T23:59:00Z'), '00:00').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('formatting', () => {
  it('formats money, durations, timeframes and tables', () => {
    expect([money(12.3), money(-4), money(0)]).toEqual(['$12.30', '-$4.00', '$0.00']);
    expect([duration(45), duration(7380), duration(200_000)]).toEqual(['0m 45s', '2h 03m', '2d 7h']);
    expect([timeframe(5), timeframe(60), timeframe(240), timeframe(1440)]).toEqual(['5m', '1h', '4h', '1d']);
    expect(
      table([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toEqual(['a    bb', 'ccc  d']);
  });

  it('escapes HTML so Telegram shows exactly the text', () => {
    const hostile = '<b>&amp; "x"</b>';
    const rendered = renderHtml(html`<b>${hostile}</b>`.value);
    expect(rendered).toEqual({ ok: true, text: hostile });
    expect(escapeHtml('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
  });

  it('routes reports to analytics and alerts such as loss caps to notifications', () => {
    const kinds = ['daily_summary', 'weekly_report', 'report_monthly', 'entry', 'tp_hit', 'daily_loss_cap', 'paused'];
    expect(kinds.map(roleForKind)).toEqual([
      'analytics',
      'analytics',
      'analytics',
      'notification',
      'notification',
      'notification',
      'notification',
    ]);
  });
});
