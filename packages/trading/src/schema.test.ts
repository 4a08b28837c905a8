import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTotalsSql } from './CloseTotals.js';
import { openDatabase, relaxedTransaction, tradingDbSynchronous, whereEquals } from './schema.js';
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

describe('the sums and lists the order path runs for every order', () => {
  it('sum the day first from a covering index, then only the closes added since, by id', () => {
    const params = { since: '2026-01-01', plugin: 'p', after: 7 };
    expect(plan(closeTotalsSql.freshAll, params)).toBe(
      'SEARCH closes USING COVERING INDEX closes_day (closed_at>?); SCALAR SUBQUERY 1; SEARCH closes',
    );
    expect(plan(closeTotalsSql.freshOne, params)).toBe(
      'SEARCH closes USING COVERING INDEX closes_plugin_day (plugin=? AND closed_at>?); SCALAR SUBQUERY 1; SEARCH closes',
    );
    expect(plan(closeTotalsSql.addedAll, params)).toBe('SEARCH closes USING INTEGER PRIMARY KEY (rowid>?)');
    expect(plan(closeTotalsSql.addedOne, params)).toBe('SEARCH closes USING INTEGER PRIMARY KEY (rowid>?)');
  });

  it("count the last minute's orders from a covering index", () => {
    expect(plan("SELECT COUNT(*) AS n FROM positions WHERE created_at >= ? AND origin != 'chain'", '2026-01-01')).toBe(
      'SEARCH positions USING COVERING INDEX positions_created_origin (created_at>?)',
    );
  });

  it('list open positions, chains and armed monitors through an index', () => {
    const positions = whereEquals({ state: 'open', plugin: 'p', symbol: 'XAUUSD', direction: undefined });
    expect(positions.where).toBe('state = @state AND plugin = @plugin AND symbol = @symbol');
    expect(positions.params).toEqual({ state: 'open', plugin: 'p', symbol: 'XAUUSD' });
    expect(plan(`SELECT * FROM positions WHERE ${positions.where} ORDER BY id`, positions.params)).toMatch(
      /^SEARCH positions USING INDEX positions_state \(state=\? AND plugin=\? AND symbol=\?\)/,
    );
    const chains = whereEquals({ state: 'active', symbol: 'XAUUSD' });
    expect(plan(`SELECT * FROM chains WHERE ${chains.where} ORDER BY id`, chains.params)).toMatch(
      /^SEARCH chains USING INDEX chains_active \(state=\? AND symbol=\?\)/,
    );
    expect(whereEquals({ plugin: undefined, symbol: null })).toEqual({ where: '1', params: {} });
  });
});
