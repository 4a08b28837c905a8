import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Journal } from '@zepix/journal';
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

describe('setPluginEnabled', () => {
  it('saves before it flips: with the journal locked by another process the plugin stays as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zepix-port-'));
    const path = join(dir, 'zepix_journal.db');
    const journal = Journal.open({ path, bookkeepingBusyTimeoutMs: 50 });
    const enabled = new Map([['fragile', true]]);
    const registry = {
      has: (id: string) => enabled.has(id),
      ids: () => [...enabled.keys()],
      enable: (id: string) => void enabled.set(id, true),
      disable: (id: string) => void enabled.set(id, false),
    } as unknown as OperatorDeps['registry'];
    const port = createOperatorPort({
      registry,
      journal,
      trading: {} as OperatorDeps['trading'],
      trends: {} as OperatorDeps['trends'],
      startedAt: 0,
      onPluginState: (id, on, reason) => journal.setPluginState(id, on, reason),
    });
    const holder = new Database(path);
    try {
      holder.exec('BEGIN EXCLUSIVE');
      const refused = await port.setPluginEnabled('fragile', false);
      holder.exec('ROLLBACK');
      expect(refused).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'ZEPIX_JOURNAL_LOCKED',
          message: expect.stringMatching(/^another process holds the journal locked .*nothing changed/),
        }),
      });
      expect(enabled.get('fragile')).toBe(true);
      expect(journal.pluginStates()).toEqual([]);
      expect(await port.setPluginEnabled('fragile', false)).toEqual({ ok: true, value: undefined });
      expect(enabled.get('fragile')).toBe(false);
      expect(journal.pluginStates()).toEqual([
        expect.objectContaining({ plugin: 'fragile', enabled: false, reason: 'disabled from Telegram' }),
      ]);
    } finally {
      holder.close();
      await journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
