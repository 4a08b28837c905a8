import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, relaxedTransaction, tradingDbSynchronous } from './schema.js';
import type { Connection } from './schema.js';

const FULL = 2;
const NORMAL = 1;

describe('relaxedTransaction', () => {
  let dir: string | undefined;
  let db: Connection | undefined;
  afterEach(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function open(synchronous?: 'FULL' | 'NORMAL'): Connection {
    dir = mkdtempSync(join(tmpdir(), 'zepix-trading-schema-'));
    db = openDatabase(join(dir, 'trading.db'), synchronous);
    return db;
  }

  const level = (conn: Connection) => conn.pragma('synchronous', { simple: true });

  it('commits without its own fsync, then puts the connection back to FULL', () => {
    const conn = open();
    expect(level(conn)).toBe(FULL);
    const seen = relaxedTransaction(conn)(() => {
      conn.exec(
        "INSERT INTO outbox (plugin, kind, text, payload_json, created_at) VALUES ('p', 'k', 't', '{}', 'now')",
      );
      return level(conn);
    });
    expect(seen).toBe(NORMAL);
    expect(level(conn)).toBe(FULL);
    expect(conn.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('puts the connection back to FULL when the transaction throws, and rolls it back', () => {
    const conn = open();
    expect(() =>
      relaxedTransaction(conn)(() => {
        conn.exec(
          "INSERT INTO outbox (plugin, kind, text, payload_json, created_at) VALUES ('p', 'k', 't', '{}', 'now')",
        );
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(level(conn)).toBe(FULL);
    expect(conn.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('inside an outer transaction joins it at the outer level instead of failing', () => {
    const conn = open();
    const inner = relaxedTransaction(conn);
    const seen = conn.transaction(() => inner(() => level(conn)))();
    expect(seen).toBe(FULL);
  });

  it('on a connection opened at NORMAL (an in-process broker) leaves it at NORMAL', () => {
    const conn = open('NORMAL');
    expect(level(conn)).toBe(NORMAL);
    expect(relaxedTransaction(conn)(() => level(conn))).toBe(NORMAL);
    expect(level(conn)).toBe(NORMAL);
  });
});

describe('tradingDbSynchronous', () => {
  it('fsyncs every commit unless the broker keeps its state in this process', () => {
    expect(tradingDbSynchronous({})).toBe('FULL');
    expect(tradingDbSynchronous({ inProcess: false })).toBe('FULL');
    expect(tradingDbSynchronous({ inProcess: true })).toBe('NORMAL');
  });
});

/** SQLite's plan for a query, one line per step. */
function plan(sqlText: string, ...params: unknown[]): string {
  const db = openDatabase(':memory:');
  try {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[];
    return rows.map((row) => row.detail).join('; ');
  } finally {
    db.close();
  }
}

describe('the day-P&L sums the risk gate runs for every order', () => {
  it('read a covering index, not the closes table', () => {
    expect(
      plan(
        'SELECT COALESCE(SUM(CASE WHEN pnl < 0 THEN -pnl ELSE 0 END), 0), COALESCE(SUM(pnl), 0) FROM closes WHERE closed_at >= ?',
        '2026-01-01',
      ),
    ).toBe('SEARCH closes USING COVERING INDEX closes_day (closed_at>?)');
    expect(
      plan('SELECT COALESCE(SUM(pnl), 0) FROM closes WHERE plugin = ? AND closed_at >= ?', 'p', '2026-01-01'),
    ).toBe('SEARCH closes USING COVERING INDEX closes_plugin_day (plugin=? AND closed_at>?)');
  });
});
