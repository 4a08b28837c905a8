import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryAlert } from '@zepix/plugin-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { TrendStore } from './TrendStore.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const AT = new Date('2026-03-02T10:00:00.000Z');

describe('TrendStore.apply', () => {
  it("stores a V3 entry's trends per timeframe, and a later reading replaces an older one", () => {
    const store = new TrendStore(':memory:');
    expect(store.apply(entryAlert({ symbol: 'XAUUSD', mtfTrends: { 15: 1, 60: -1 } }), AT)).toBe(2);
    store.apply(entryAlert({ symbol: 'XAUUSD', mtfTrends: { 15: -1 } }), new Date(AT.getTime() + 1000));
    expect(store.list('XAUUSD').map((r) => [r.timeframe, r.trend])).toEqual([
      [15, -1],
      [60, -1],
    ]);
  });

  it('writes nothing for an alert without trends', () => {
    dir = mkdtempSync(join(tmpdir(), 'zepix-trends-'));
    const path = join(dir, 'trends.db');
    const store = new TrendStore(path);
    store.apply(entryAlert({ symbol: 'XAUUSD', mtfTrends: { 15: 1 } }), AT);
    const wal = statSync(`${path}-wal`).size;
    for (let i = 0; i < 50; i += 1) expect(store.apply(entryAlert({ symbol: 'XAUUSD' }), AT)).toBe(0);
    expect(statSync(`${path}-wal`).size).toBe(wal);
    expect(store.list('XAUUSD')).toHaveLength(1);
  });
});
