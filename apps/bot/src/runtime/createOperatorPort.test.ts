import { describe, expect, it } from 'vitest';
import type { Journal } from '@zepix/journal';
import { countAcceptedSince, createOperatorPort } from './createOperatorPort.js';
import type { OperatorDeps } from './createOperatorPort.js';

/** A journal of `n` accepted alerts, one a minute from 00:00, listed newest first in pages like the real one. */
function journalOf(n: number): Pick<Journal, 'list'> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    receivedAt: new Date(Date.UTC(2026, 10, 30, 0, i)).toISOString(),
  }));
  return {
    list: (options = {}) =>
      rows
        .filter((r) => options.beforeId === undefined || r.id < options.beforeId)
        .reverse()
        .slice(0, Math.min(options.limit ?? 50, 500)) as unknown as ReturnType<Journal['list']>,
  };
}

describe('countAcceptedSince', () => {
  it('counts past the journal page size of 500', () => {
    expect(countAcceptedSince(journalOf(1_234), '2026-11-30T00:00:00.000Z')).toBe(1_234);
  });

  it('stops at the first alert before the day began', () => {
    expect(countAcceptedSince(journalOf(1_234), '2026-11-30T10:00:00.000Z')).toBe(1_234 - 600);
    expect(countAcceptedSince(journalOf(0), '2026-11-30T00:00:00.000Z')).toBe(0);
  });
});

describe('pnl', () => {
  const figures = (pnl: number) => ({
    trades: 1,
    wins: pnl > 0 ? 1 : 0,
    winRate: pnl > 0 ? 1 : 0,
    pnl,
    maxDrawdown: 0,
  });
  const runtime = (byPlugin: Record<string, ReturnType<typeof figures>>) =>
    ({
      engine: {
        analytics: () => ({ overall: { ...figures(0), trades: Object.keys(byPlugin).length }, byPlugin }),
      },
    }) as unknown as OperatorDeps['trading'];

  it('lists shadow plugins beside the live ones, marked, without counting them in the live total', async () => {
    const port = createOperatorPort({
      registry: {} as OperatorDeps['registry'],
      journal: {} as OperatorDeps['journal'],
      trading: runtime({ 'trend-logic': figures(-3) }),
      shadow: runtime({ 'combined-v3': figures(12.5) }),
      trends: {} as OperatorDeps['trends'],
      startedAt: 0,
      onPluginState: () => undefined,
    });
    const pnl = await port.pnl();
    expect(pnl.byPlugin).toEqual([
      { plugin: 'trend-logic', trades: 1, winRate: 0, pnl: -3 },
      { plugin: 'combined-v3 (shadow)', trades: 1, winRate: 1, pnl: 12.5 },
    ]);
    expect(pnl.pnl).toBe(0);
  });
});
